import { cn } from "@/lib/utils";

/** 0–100: green from 80, amber from 50, red below. */
export function scoreTone(score: number): string {
  if (score >= 80) return "bg-emerald-100 text-emerald-900";
  if (score >= 50) return "bg-amber-100 text-amber-900";
  return "bg-red-100 text-red-900";
}

export function ScoreBadge({ score, large }: { score: number | null; large?: boolean }) {
  if (score === null) return <span className="text-sm text-slate-600">—</span>;
  return (
    <span
      className={cn(
        "inline-flex items-baseline rounded-md font-semibold tabular-nums",
        large ? "px-3 py-1 text-3xl" : "px-2 py-0.5 text-sm",
        scoreTone(score),
      )}
      data-testid="health-score"
    >
      {score}
      <span className={cn("font-normal", large ? "ml-0.5 text-sm" : "text-xs")} aria-hidden>
        /100
      </span>
      <span className="sr-only"> out of 100</span>
    </span>
  );
}
