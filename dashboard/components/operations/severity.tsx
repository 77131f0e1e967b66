import { AlertOctagon, AlertTriangle, Info } from "lucide-react";
import type { Severity } from "@/lib/operations-types";
import { cn } from "@/lib/utils";

export const SEVERITIES: Severity[] = ["critical", "warning", "info"];

const STYLE: Record<Severity, { tone: string; icon: typeof Info }> = {
  critical: { tone: "bg-red-100 text-red-900", icon: AlertOctagon },
  warning: { tone: "bg-amber-100 text-amber-900", icon: AlertTriangle },
  info: { tone: "bg-sky-100 text-sky-900", icon: Info },
};

export function isSeverity(value: unknown): value is Severity {
  return SEVERITIES.includes(value as Severity);
}

export function severityRank(severity: string): number {
  const index = SEVERITIES.indexOf(severity as Severity);
  return index < 0 ? SEVERITIES.length : index;
}

export function SeverityBadge({ severity, className }: { severity: Severity; className?: string }) {
  const { tone, icon: Icon } = STYLE[severity] ?? STYLE.info;
  return (
    <span className={cn("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium", tone, className)}>
      <Icon className="h-3 w-3" aria-hidden />
      {severity}
    </span>
  );
}
