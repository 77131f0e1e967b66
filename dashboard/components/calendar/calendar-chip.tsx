"use client";

// One post on the calendar: platform colour, account, time and state. Draggable when its time
// may still change (and the role may change it).
import { StateBadge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import { canMove, type CalendarItem, PLATFORM_COLOURS } from "./calendar-logic";

const time = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", hour12: false });
const PLATFORM_LETTER: Record<string, string> = { tiktok: "TT", instagram: "IG", youtube: "YT" };

export function CalendarChip({ item, draggable }: { item: CalendarItem; draggable: boolean }) {
  const movable = draggable && canMove(item);
  const handle = `@${item.account_handle.replace(/^@/, "")}`; // YouTube's handles carry their own @
  return (
    <div
      draggable={movable}
      onDragStart={(event) => event.dataTransfer.setData("text/plain", item.publication_id)}
      title={item.caption || item.asset_name}
      aria-label={`${item.platform} post on ${handle} at ${time.format(new Date(item.at))}, ${item.state.replaceAll("_", " ")}${movable ? "; drag to move" : ""}`}
      className={cn(
        "mb-0.5 flex flex-col gap-0.5 rounded border-l-4 px-1 py-0.5",
        PLATFORM_COLOURS[item.platform] ?? "border-l-slate-400 bg-slate-50",
        movable ? "cursor-grab" : "cursor-default",
      )}
    >
      <span className="flex items-center gap-1 truncate">
        <span className="font-semibold">{PLATFORM_LETTER[item.platform] ?? item.platform}</span>
        <span className="truncate">{handle}</span>
        <time dateTime={item.at} className="ml-auto text-slate-600">{time.format(new Date(item.at))}</time>
      </span>
      <StateBadge state={item.state} className="self-start" />
    </div>
  );
}
