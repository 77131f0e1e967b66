"use client";

// The calendar of scheduled and published posts: a week (7 days x 24 hours) or a month. A post
// not yet sent can be dragged to another hour or day: it moves at once on screen, and moves back
// with the API's reason in words if the move is refused. The event stream keeps it live (its
// query key starts with "publications", which publication changes invalidate).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useConnectedAccounts } from "@/lib/accounts";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { ErrorState, Loading } from "@/components/ui/states";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { useSession } from "@/lib/session";
import { CalendarChip } from "./calendar-chip";
import {
  type CalendarItem,
  dayKey,
  placeItems,
  planMove,
  step,
  type View,
  visibleDays,
  windowOf,
  withMoved,
} from "./calendar-logic";

type Platform = "instagram" | "tiktok" | "youtube";
const PLATFORMS: Platform[] = ["instagram", "tiktok", "youtube"];
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const weekday = new Intl.DateTimeFormat("en", { weekday: "short", day: "numeric", month: "short" });
const monthTitle = new Intl.DateTimeFormat("en", { month: "long", year: "numeric" });

// What the board shows: the window's posts, and whether there were more than it fetched.
type Shown = { items: CalendarItem[]; truncated: boolean };
const MAX_PAGES = 10;

export function CalendarBoard() {
  const { can } = useSession();
  const client = useQueryClient();
  const [view, setView] = useState<View>("week");
  const [anchor, setAnchor] = useState(() => new Date());
  const [accountId, setAccountId] = useState("");
  const [platform, setPlatform] = useState<Platform | "">("");
  const [problem, setProblem] = useState<string | null>(null);
  const days = useMemo(() => visibleDays(view, anchor), [view, anchor]);
  const window = windowOf(days);
  const query = { ...window, account_id: accountId || undefined, platform: platform || undefined };
  const key = ["publications", "calendar", query];
  const calendar = useQuery({
    queryKey: key,
    queryFn: async (): Promise<Shown> => {
      // Every page of the window, up to a bound a screen can show.
      const items: CalendarItem[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < MAX_PAGES; pages += 1) {
        const page = unwrap(await api.GET("/v1/calendar", { params: { query: { ...query, limit: 200, cursor } } }));
        items.push(...page.items);
        if (!page.next_cursor) return { items, truncated: false };
        cursor = page.next_cursor;
      }
      return { items, truncated: true };
    },
  });
  const accounts = useConnectedAccounts();
  const move = useMutation({
    mutationFn: async ({ item, at }: { item: CalendarItem; at: string }) =>
      unwrap(
        await api.POST("/v1/publications/{publication_id}/schedule", {
          params: { path: { publication_id: item.publication_id } },
          body: { publish_at: at },
        }),
      ),
    onMutate: async ({ item, at }) => {
      setProblem(null);
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<Shown>(key);
      if (before) client.setQueryData(key, { ...before, items: withMoved(before.items, item.publication_id, at) });
      return { before };
    },
    onError: (error, _move, context) => {
      if (context?.before) client.setQueryData(key, context.before);
      setProblem(`The post could not move: ${describe(error)}`);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: ["publications"] }),
  });
  const mayMove = (item: CalendarItem) => (item.state === "scheduled" ? can("campaigns:publish") : can("campaigns:write"));
  const drop = (item: CalendarItem, day: Date, hour: number | null) => {
    if (!mayMove(item)) {
      setProblem("Your role cannot change when this post goes out.");
      return;
    }
    const planned = planMove(item, day, hour);
    if (planned.ok) move.mutate({ item, at: planned.at });
    else setProblem(planned.reason);
  };
  const items = calendar.data?.items ?? [];
  const placed = placeItems(items);
  const byId = new Map(items.map((item) => [item.publication_id, item]));
  const onDrop = (day: Date, hour: number | null) => (event: React.DragEvent) => {
    event.preventDefault();
    const item = byId.get(event.dataTransfer.getData("text/plain"));
    if (item) drop(item, day, hour);
  };
  const allow = (event: React.DragEvent) => event.preventDefault();
  const chip = (item: CalendarItem) => <CalendarChip key={item.publication_id} item={item} draggable={mayMove(item)} />;

  return (
    <>
      <PageHeader title="Calendar" description="Scheduled and published posts. Drag a post not yet sent to another time." />
      <div className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter the calendar">
        <div className="flex gap-1" role="group" aria-label="View">
          {(["week", "month"] as View[]).map((option) => (
            <Button key={option} size="sm" variant={view === option ? "primary" : "secondary"} aria-pressed={view === option} onClick={() => setView(option)}>
              {option === "week" ? "Week" : "Month"}
            </Button>
          ))}
        </div>
        <div className="flex items-center gap-1">
          <Button size="sm" variant="secondary" onClick={() => setAnchor(step(view, anchor, -1))} aria-label="Earlier">‹</Button>
          <Button size="sm" variant="secondary" onClick={() => setAnchor(new Date())}>Today</Button>
          <Button size="sm" variant="secondary" onClick={() => setAnchor(step(view, anchor, 1))} aria-label="Later">›</Button>
          <span className="ml-2 text-sm font-medium text-slate-800">{view === "month" ? monthTitle.format(anchor) : `Week of ${weekday.format(days[0] ?? anchor)}`}</span>
        </div>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          Account
          <select value={accountId} onChange={(event) => setAccountId(event.target.value)} className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm">
            <option value="">All</option>
            {(accounts.data?.items ?? []).map((account) => (
              <option key={account.id} value={account.id}>
                @{account.username} ({account.platform})
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
          Platform
          <select value={platform} onChange={(event) => setPlatform(event.target.value as Platform | "")} className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm">
            <option value="">All</option>
            {PLATFORMS.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
      </div>
      {problem ? (
        <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {problem}
        </p>
      ) : null}
      {calendar.isPending ? (
        <Loading />
      ) : calendar.isError ? (
        <ErrorState error={calendar.error} retry={() => void calendar.refetch()} />
      ) : view === "week" ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full table-fixed text-xs">
            <caption className="sr-only">Posts of the week by hour</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="w-14 px-1 py-2 text-slate-600">Hour</th>
                {days.map((day) => (
                  <th key={dayKey(day)} scope="col" className="px-1 py-2 font-medium text-slate-800">{weekday.format(day)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {HOURS.map((hour) => (
                <tr key={hour} className="border-t border-slate-100 align-top">
                  <th scope="row" className="px-1 py-1 text-right font-normal text-slate-500">{`${String(hour).padStart(2, "0")}:00`}</th>
                  {days.map((day) => (
                    <td key={dayKey(day)} data-testid={`slot-${dayKey(day)}-${hour}`} className="h-8 border-l border-slate-100 p-0.5" onDragOver={allow} onDrop={onDrop(day, hour)}>
                      {(placed.get(`${dayKey(day)}@${hour}`) ?? []).map(chip)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="grid grid-cols-7 gap-px overflow-hidden rounded-lg border border-slate-200 bg-slate-200 text-xs">
          {days.map((day) => (
            <div key={dayKey(day)} data-testid={`day-${dayKey(day)}`} className={`min-h-24 bg-white p-1 ${day.getMonth() === anchor.getMonth() ? "" : "opacity-60"}`} onDragOver={allow} onDrop={onDrop(day, null)}>
              <p className="mb-1 font-medium text-slate-700">{day.getDate()}</p>
              {(placed.get(dayKey(day)) ?? []).map(chip)}
            </div>
          ))}
        </div>
      )}
      {calendar.data?.truncated ? <p className="mt-2 text-sm text-slate-600">Not every post fits; filter by account or platform to see the rest.</p> : null}
    </>
  );
}
