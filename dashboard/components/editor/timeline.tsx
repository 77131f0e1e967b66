"use client";

// The clip's span over the transcript's window: words as ticks, shot cuts as marks, removed
// stretches shaded, and two handles (sliders) for the start and the end. Arrows move a handle by
// 0.1 s (shift: 1 s); Enter, a released drag or leaving the handle applies it, Escape puts it back.
// The server snaps an applied edge to a word gap or a shot cut; the new version shows where.
import { useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { cn } from "@/lib/utils";
import { HANDLE_GAP, fractionToTime, nudge, timeToFraction, type Span, type Word } from "./logic";

export type Edge = "start" | "end";

type Props = {
  words: readonly Word[];
  cuts: readonly number[];
  removed: readonly Span[];
  start: number;
  end: number;
  view: [number, number];
  /** The player's source time. */
  now: number;
  editable: boolean;
  busy: boolean;
  onCommit: (edge: Edge, seconds: number) => void;
};

export function Timeline({ words, cuts, removed, start, end, view, now, editable, busy, onCommit }: Props) {
  const [draft, setDraft] = useState<{ start: number; end: number }>({ start, end });
  const track = useRef<HTMLDivElement>(null);
  const dragging = useRef<Edge | null>(null);
  // What was last sent for each edge: Enter and the blur that may follow send it once.
  const sent = useRef<Record<Edge, number | null>>({ start: null, end: null });
  const pct = (t: number) => `${(timeToFraction(t, view) * 100).toFixed(3)}%`;
  const limits = (edge: Edge): [number, number] =>
    edge === "start" ? [view[0], draft.end - HANDLE_GAP] : [draft.start + HANDLE_GAP, view[1]];
  const saved = { start, end };

  const move = (edge: Edge, seconds: number) => {
    const [min, max] = limits(edge);
    sent.current[edge] = null;
    setDraft((d) => ({ ...d, [edge]: nudge(seconds, 0, min, max) }));
  };
  const commit = (edge: Edge) => {
    if (!editable || busy) return;
    if (Math.abs(draft[edge] - saved[edge]) < 0.001 || sent.current[edge] === draft[edge]) return;
    sent.current[edge] = draft[edge];
    onCommit(edge, draft[edge]);
  };
  const timeAt = (clientX: number) => {
    const box = track.current?.getBoundingClientRect();
    if (!box || box.width === 0) return null;
    return fractionToTime((clientX - box.left) / box.width, view);
  };

  const handle = (edge: Edge) => {
    const value = draft[edge];
    const [min, max] = limits(edge);
    const changed = Math.abs(value - saved[edge]) >= 0.001;
    const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
      const step = event.shiftKey ? 1 : 0.1;
      if (event.key === "ArrowLeft" || event.key === "ArrowDown") move(edge, value - step);
      else if (event.key === "ArrowRight" || event.key === "ArrowUp") move(edge, value + step);
      else if (event.key === "Home") move(edge, min);
      else if (event.key === "End") move(edge, max);
      else if (event.key === "Enter") commit(edge);
      else if (event.key === "Escape") setDraft((d) => ({ ...d, [edge]: saved[edge] }));
      else return;
      event.preventDefault();
    };
    const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
      if (!editable || event.button !== 0) return;
      event.currentTarget.setPointerCapture(event.pointerId);
      event.currentTarget.focus();
      dragging.current = edge;
    };
    const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
      if (dragging.current !== edge) return;
      const t = timeAt(event.clientX);
      if (t !== null) move(edge, t);
    };
    const onPointerUp = () => {
      if (dragging.current !== edge) return;
      dragging.current = null;
      commit(edge);
    };
    const name = edge === "start" ? "Clip start" : "Clip end";
    return (
      <div
        role="slider"
        tabIndex={editable ? 0 : -1}
        aria-label={name}
        aria-valuemin={Math.round(min * 10) / 10}
        aria-valuemax={Math.round(max * 10) / 10}
        aria-valuenow={value}
        aria-valuetext={`${value.toFixed(1)} s${changed ? " (Enter applies, Escape cancels)" : ""}`}
        aria-disabled={!editable || busy || undefined}
        data-edge={edge}
        className={cn(
          "absolute top-0 z-10 flex h-full w-4 -translate-x-1/2 touch-none items-center justify-center outline-none",
          editable ? "cursor-ew-resize" : "cursor-default",
          "focus-visible:[&>span]:ring-2 focus-visible:[&>span]:ring-brand-600 focus-visible:[&>span]:ring-offset-1",
        )}
        style={{ left: pct(value) }}
        onKeyDown={editable ? onKeyDown : undefined}
        onBlur={() => commit(edge)}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          dragging.current = null;
        }}
      >
        <span aria-hidden className={cn("block h-full w-1.5 rounded-sm", changed ? "bg-amber-500" : "bg-brand-700")} />
      </div>
    );
  };

  const changed = draft.start !== start || draft.end !== end;
  return (
    <div className="flex flex-col gap-1">
      <div ref={track} className="relative h-12 select-none rounded-md border border-slate-300 bg-slate-50" data-testid="timeline">
        {/* The clip's span. */}
        <div aria-hidden className="absolute inset-y-0 bg-brand-100" style={{ left: pct(draft.start), right: `calc(100% - ${pct(draft.end)})` }} />
        {removed.map((span, i) => (
          <div
            key={`r${i}`}
            aria-hidden
            title={`cut ${((span[1] ?? 0) - (span[0] ?? 0)).toFixed(1)} s`}
            className="absolute inset-y-0 bg-[repeating-linear-gradient(45deg,#94a3b8_0,#94a3b8_2px,transparent_2px,transparent_5px)]"
            style={{ left: pct(span[0] ?? 0), width: `calc(${pct(span[1] ?? 0)} - ${pct(span[0] ?? 0)})` }}
          />
        ))}
        {words.map((word) => (
          <div key={`w${word.index}`} aria-hidden className="absolute bottom-1 h-3 w-px bg-slate-500" style={{ left: pct(word.start) }} />
        ))}
        {cuts
          .filter((t) => t >= view[0] && t <= view[1])
          .map((t) => (
            <div key={`c${t}`} aria-hidden title={`Shot cut at ${t.toFixed(2)} s`} className="absolute top-0 h-full w-0.5 bg-violet-600" style={{ left: pct(t) }} />
          ))}
        <div aria-hidden className="absolute top-0 h-2 w-0.5 bg-red-600" style={{ left: pct(now) }} data-testid="timeline-playhead" />
        {handle("start")}
        {handle("end")}
      </div>
      <p className="text-xs text-slate-600" aria-live="polite">
        {changed
          ? `Drafted ${draft.start.toFixed(1)}–${draft.end.toFixed(1)} s: Enter or releasing a handle applies it (snapped to a word gap or a shot cut); Escape puts it back.`
          : `${start.toFixed(2)}–${end.toFixed(2)} s. Drag a handle or focus it and use the arrow keys (shift: 1 s).`}
      </p>
    </div>
  );
}
