import { cn } from "@/lib/utils";

// One colour per kind of state, whatever the resource: people learn it once.
const TONES: Record<string, string> = {
  good: "bg-emerald-100 text-emerald-900",
  busy: "bg-sky-100 text-sky-900",
  waiting: "bg-amber-100 text-amber-900",
  bad: "bg-red-100 text-red-900",
  neutral: "bg-slate-100 text-slate-800",
};

const STATE_TONES: Record<string, keyof typeof TONES> = {
  ready: "good", succeeded: "good", published: "good", connected: "good", approved: "good", active: "good",
  running: "busy", processing: "busy", rendering: "busy", uploading: "busy", publishing: "busy", scheduled: "busy",
  pending: "waiting", queued: "waiting", uploaded: "waiting", draft: "waiting", needs_reauth: "waiting",
  failed: "bad", rejected: "bad", dead: "bad", revoked: "bad", cancelled: "neutral", deactivated: "neutral",
  alive: "good", resolved: "good", missing: "bad", open: "bad", stopped: "neutral",
};

export function StateBadge({ state, className }: { state: string; className?: string }) {
  const tone = TONES[STATE_TONES[state] ?? "neutral"];
  return (
    <span className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium", tone, className)}>
      {state.replaceAll("_", " ")}
    </span>
  );
}
