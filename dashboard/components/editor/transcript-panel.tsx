"use client";

// The transcript as buttons: a click seeks the player to the word and selects it; shift-click,
// shift+arrow or a drag selects a range; double-click, F2 or "Edit word" fixes a word's text.
import { Fragment, useEffect, useMemo, useRef, useState } from "react";
import { cn } from "@/lib/utils";
import { clickSelection, cutLabel, cutMarkers, inRange, isSelected, selectRange, type Selection, type Span, type Word } from "./logic";

type Props = {
  words: readonly Word[];
  start: number;
  end: number;
  activeIndex: number | null;
  selection: Selection | null;
  onSelect: (selection: Selection | null) => void;
  onSeek: (word: Word) => void;
  editable: boolean;
  editing: number | null;
  onEdit: (index: number | null) => void;
  onFix: (index: number, text: string) => void;
  busy: boolean;
  /** Stretches cut out of the clip: a marker shows each between the words around it. */
  removed?: readonly Span[];
};

export function TranscriptWords({ words, start, end, activeIndex, selection, onSelect, onSeek, editable, editing, onEdit, onFix, busy, removed = [] }: Props) {
  const anchor = useRef<number | null>(null);
  const dragging = useRef(false);
  const dragged = useRef(false);
  const buttons = useRef(new Map<number, HTMLButtonElement>());

  useEffect(() => {
    const stop = () => {
      dragging.current = false;
    };
    window.addEventListener("pointerup", stop);
    return () => window.removeEventListener("pointerup", stop);
  }, []);

  const markers = useMemo(() => cutMarkers(words, removed), [words, removed]);
  const marker = (position: number) =>
    markers.get(position)?.map((seconds, i) => (
      <span
        key={`cut-${position}-${i}`}
        role="img"
        aria-label={cutLabel(seconds)}
        title={cutLabel(seconds)}
        data-cut={seconds}
        className="mx-0.5 inline-flex h-7 items-center text-xs font-semibold text-rose-700"
      >
        <span aria-hidden className="rounded border border-dashed border-rose-400 bg-rose-50 px-1 leading-5">
          ✂
        </span>
      </span>
    ));
  const focusWord = (index: number) => buttons.current.get(index)?.focus();

  // Closing a word's input gives the focus back to the word.
  const wasEditing = useRef<number | null>(null);
  useEffect(() => {
    if (editing === null && wasEditing.current !== null) buttons.current.get(wasEditing.current)?.focus();
    wasEditing.current = editing;
  }, [editing]);

  return (
    <div className="flex flex-wrap gap-x-0.5 gap-y-1 leading-7" role="group" aria-label="Transcript words">
      {words.map((word, position) => {
        const before = marker(position);
        const inside = inRange(word, start, end);
        const selected = isSelected(selection, word.index);
        if (editing === word.index)
          return (
            <Fragment key={word.index}>
              {before}
              <WordInput word={word} busy={busy} onCancel={() => onEdit(null)} onSave={(text) => onFix(word.index, text)} />
            </Fragment>
          );
        return (
          <Fragment key={word.index}>
          {before}
          <button
            ref={(element) => {
              if (element) buttons.current.set(word.index, element);
              else buttons.current.delete(word.index);
            }}
            type="button"
            aria-pressed={selected}
            title={`${word.start.toFixed(2)}–${word.end.toFixed(2)} s${inside ? "" : " (outside the clip)"}`}
            data-word={word.index}
            className={cn(
              "rounded px-1 text-sm outline-none select-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-1",
              inside ? "text-slate-900" : "text-slate-500 line-through decoration-slate-300",
              selected ? "bg-brand-100 text-brand-900 ring-1 ring-brand-600" : "hover:bg-slate-100",
              activeIndex === word.index && !selected ? "bg-amber-100" : "",
            )}
            onPointerDown={(event) => {
              if (event.button !== 0) return;
              dragging.current = true;
              dragged.current = false;
              if (!event.shiftKey) anchor.current = word.index;
            }}
            onPointerEnter={() => {
              if (dragging.current && anchor.current !== null && anchor.current !== word.index) {
                dragged.current = true;
                onSelect(selectRange(anchor.current, word.index));
              }
            }}
            onClick={(event) => {
              if (event.shiftKey) onSelect(clickSelection(selection, anchor.current, word.index, true));
              else if (dragged.current) dragged.current = false; // the drag already chose the range
              else {
                anchor.current = word.index;
                onSelect({ first: word.index, last: word.index });
              }
              onSeek(word);
            }}
            onDoubleClick={() => {
              if (editable) onEdit(word.index);
            }}
            onKeyDown={(event) => {
              if (event.key === "F2" && editable) {
                event.preventDefault();
                onEdit(word.index);
              } else if ((event.key === "ArrowRight" || event.key === "ArrowLeft") && !event.altKey && !event.metaKey && !event.ctrlKey) {
                event.preventDefault();
                const next = word.index + (event.key === "ArrowRight" ? 1 : -1);
                if (next < 0 || next >= words.length) return;
                if (event.shiftKey) {
                  if (anchor.current === null) anchor.current = word.index;
                  onSelect(selectRange(anchor.current, next));
                } else anchor.current = next;
                focusWord(next);
              } else if (event.key === "Escape") {
                onSelect(null);
              }
            }}
          >
            {word.text}
          </button>
          </Fragment>
        );
      })}
      {marker(words.length)}
    </div>
  );
}

function WordInput({ word, busy, onSave, onCancel }: { word: Word; busy: boolean; onSave: (text: string) => void; onCancel: () => void }) {
  const [text, setText] = useState(word.text);
  return (
    <input
      autoFocus
      aria-label={`Fix the word “${word.text}” (Enter saves, Escape cancels)`}
      className="h-7 w-32 rounded border border-brand-600 px-1 text-sm outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
      value={text}
      disabled={busy}
      onChange={(event) => setText(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          const cleaned = text.trim();
          if (cleaned && cleaned !== word.text) onSave(cleaned);
          else onCancel();
        } else if (event.key === "Escape") {
          event.preventDefault();
          onCancel();
        }
      }}
    />
  );
}
