"use client";

import { useConnectionStatus } from "@/lib/event-stream";
import { cn } from "@/lib/utils";

const LOOK = {
  live: { dot: "bg-emerald-400", text: "Live", title: "Updates arrive as they happen." },
  connecting: { dot: "bg-amber-300", text: "Connecting…", title: "Connecting to live updates." },
  reconnecting: {
    dot: "bg-amber-300 animate-pulse",
    text: "Reconnecting…",
    title: "Live updates paused; reconnecting. What you see may be out of date.",
  },
  offline: { dot: "bg-red-400", text: "Offline", title: "No live updates. Reload the page to try again." },
} as const;

/** Whether the event stream is connected: the shell shows it so people know the page is live. */
export function ConnectionStatus() {
  const status = useConnectionStatus();
  const look = LOOK[status];
  return (
    <p role="status" title={look.title} className="flex items-center gap-2 text-xs text-slate-300" data-status={status}>
      <span className={cn("h-2 w-2 rounded-full", look.dot)} aria-hidden />
      <span>
        <span className="sr-only">Live updates: </span>
        {look.text}
      </span>
    </p>
  );
}
