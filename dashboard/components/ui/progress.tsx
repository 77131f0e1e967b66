import * as ProgressPrimitive from "@radix-ui/react-progress";
import { cn } from "@/lib/utils";

export function ProgressBar({ value, label, className }: { value: number; label: string; className?: string }) {
  const percent = Math.max(0, Math.min(100, value));
  return (
    <ProgressPrimitive.Root
      value={percent}
      aria-label={label}
      className={cn("relative h-2 w-full overflow-hidden rounded-full bg-slate-200", className)}
    >
      <ProgressPrimitive.Indicator
        className="h-full bg-brand-600 transition-[width] duration-300"
        style={{ width: `${percent}%` }}
      />
    </ProgressPrimitive.Root>
  );
}
