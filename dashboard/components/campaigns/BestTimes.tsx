"use client";

// An account's best hours of the week to post (from its own history, or the platform's typical
// good times while it has too little), in the browser's time zone unless told otherwise. The
// caller gets the pick: onPick(weekday 0 = Monday, "HH:00").
import { useQuery } from "@tanstack/react-query";
import { Loading } from "@/components/ui/states";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { cn } from "@/lib/utils";

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export function BestTimes({
  accountId,
  timeZone,
  onPick,
  picked,
}: {
  accountId: string;
  timeZone?: string;
  onPick: (weekday: number, time: string) => void;
  picked?: { weekday: number; time: string }[];
}) {
  const tz = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const best = useQuery({
    queryKey: ["accounts", accountId, "best-times", tz],
    queryFn: async () =>
      unwrap(await api.GET("/v1/accounts/{account_id}/best-times", { params: { path: { account_id: accountId }, query: { tz } } })),
  });
  if (best.isPending) return <Loading label="Finding the best times…" />;
  if (best.isError) return <p role="alert" className="text-sm text-red-700">{describe(best.error)}</p>;
  const chosen = new Set((picked ?? []).map((p) => `${p.weekday}@${p.time}`));
  return (
    <section aria-label="Best times to post" className="flex flex-col gap-2">
      <p className="text-sm text-slate-600">{best.data.message}</p>
      <ul className="flex flex-wrap gap-2">
        {best.data.times.map((slot) => {
          const on = chosen.has(`${slot.weekday}@${slot.time}`);
          return (
            <li key={`${slot.weekday}@${slot.time}`}>
              <button
                type="button"
                aria-pressed={on}
                onClick={() => onPick(slot.weekday, slot.time)}
                title={slot.source === "history" ? `${slot.posts} of this account's posts went out in this hour` : "The platform's typical good time"}
                className={cn(
                  "rounded-full border px-3 py-1 text-sm",
                  on ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
                )}
              >
                {WEEKDAYS[slot.weekday]} {slot.time}
                <span className="ml-1 text-xs text-slate-500">×{slot.score.toFixed(2)}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <p className="text-xs text-slate-500">Times in {best.data.time_zone}; ×1.00 is a typical post of this account.</p>
    </section>
  );
}
