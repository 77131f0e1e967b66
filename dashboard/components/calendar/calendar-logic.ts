// The calendar's arithmetic, kept apart from React so it is tested alone: which days a view
// shows, where each post sits, and what dropping a post somewhere means. Times are the
// browser's local time; the API speaks UTC.
import type { Schemas } from "@stakazo/api-client";

export type CalendarItem = Schemas["CalendarItem"];
export type View = "week" | "month";

// Posts whose time can still change: nothing of them has reached the platform.
const MOVABLE = new Set<CalendarItem["state"]>(["draft", "awaiting_approval", "scheduled"]);

export const PLATFORM_COLOURS: Record<string, string> = {
  tiktok: "border-l-slate-900 bg-slate-50",
  instagram: "border-l-pink-600 bg-pink-50",
  youtube: "border-l-red-600 bg-red-50",
};

/** Midnight of the Monday of ``date``'s week. */
export function startOfWeek(date: Date): Date {
  const start = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
  return start;
}

/** The days a view shows around ``anchor``: 7 for a week, whole weeks covering the month. */
export function visibleDays(view: View, anchor: Date): Date[] {
  const first = view === "week" ? startOfWeek(anchor) : startOfWeek(new Date(anchor.getFullYear(), anchor.getMonth(), 1));
  const last = view === "week" ? addDays(first, 6) : new Date(anchor.getFullYear(), anchor.getMonth() + 1, 0);
  const days: Date[] = [];
  for (let day = first; day <= last || days.length % 7 !== 0; day = addDays(day, 1)) days.push(day);
  return days;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days, date.getHours(), date.getMinutes());
}

/** The API window for the days shown: [first midnight, the midnight after the last day). */
export function windowOf(days: Date[]): { from: string; to: string } {
  const first = days[0] ?? new Date();
  const last = days[days.length - 1] ?? first;
  return { from: first.toISOString(), to: addDays(last, 1).toISOString() };
}

export function dayKey(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

/** Posts by local day (``dayKey``) and, for the week view, by ``dayKey@hour``. */
export function placeItems(items: CalendarItem[]): Map<string, CalendarItem[]> {
  const placed = new Map<string, CalendarItem[]>();
  const put = (key: string, item: CalendarItem) => placed.set(key, [...(placed.get(key) ?? []), item]);
  for (const item of items) {
    const at = new Date(item.at);
    put(dayKey(at), item);
    put(`${dayKey(at)}@${at.getHours()}`, item);
  }
  return placed;
}

export function canMove(item: CalendarItem): boolean {
  return MOVABLE.has(item.state);
}

export type Move = { ok: true; at: string } | { ok: false; reason: string };

/** Where a post dropped on ``day`` (at ``hour`` in the week view) goes: the same minutes past
 * the hour, or (month view) the same time of day. */
export function planMove(item: CalendarItem, day: Date, hour: number | null, now = Date.now()): Move {
  if (!canMove(item)) {
    return { ok: false, reason: item.state === "published" ? "A published post stays where it went out." : `A post that is ${item.state.replaceAll("_", " ")} can no longer move.` };
  }
  const was = new Date(item.at);
  const target = new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour ?? was.getHours(), was.getMinutes());
  if (target.getTime() === was.getTime()) return { ok: false, reason: "It is already there." };
  if (target.getTime() <= now) return { ok: false, reason: "Pick a time in the future: a post cannot go out in the past." };
  return { ok: true, at: target.toISOString() };
}

/** The calendar with one post moved (for the optimistic update), still oldest first. */
export function withMoved(items: CalendarItem[], publicationId: string, at: string): CalendarItem[] {
  return items
    .map((item) => (item.publication_id === publicationId ? { ...item, at } : item))
    .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
}

/** The anchor a step back or forward moves to. */
export function step(view: View, anchor: Date, direction: 1 | -1): Date {
  if (view === "week") return addDays(anchor, 7 * direction);
  return new Date(anchor.getFullYear(), anchor.getMonth() + direction, 1);
}
