// The editor's pure logic: which words are selected, which word the player is on, the caption
// lines shown around it, and a caption preset's style as CSS (an approximation of the renderer's
// ASS output: sizes are shares of the frame height, so they are shares of the player's height).
import type { CSSProperties } from "react";

export type Word = { index: number; text: string; start: number; end: number };

export type CaptionStyle = {
  font?: string;
  bold?: boolean;
  size?: number;
  colour?: string;
  highlight_colour?: string;
  outline_colour?: string;
  outline?: number;
  box?: boolean;
  position?: "centre" | "lower" | "lower-third" | string;
  animation?: "none" | "highlight" | "karaoke" | string;
  uppercase?: boolean;
  words_per_line?: number;
  max_lines?: number;
};

export type Preset = { name: string; label: string; style: CaptionStyle };

/** An inclusive range of word indexes, first <= last. */
export type Selection = { first: number; last: number };

/** The range from an anchor to the word clicked (shift-click, drag), in either direction. */
export function selectRange(anchor: number, to: number): Selection {
  return anchor <= to ? { first: anchor, last: to } : { first: to, last: anchor };
}

/** A plain click: the one word; shift-click with an anchor: from the anchor to it. */
export function clickSelection(current: Selection | null, anchor: number | null, index: number, shift: boolean): Selection {
  if (shift && anchor !== null) return selectRange(anchor, index);
  if (shift && current) return selectRange(current.first, index);
  return { first: index, last: index };
}

export function isSelected(selection: Selection | null, index: number): boolean {
  return selection !== null && index >= selection.first && index <= selection.last;
}

/** Whether a word lies inside the clip's range (at least half of it does). */
export function inRange(word: Word, start: number, end: number): boolean {
  const middle = (word.start + word.end) / 2;
  return middle >= start && middle <= end;
}

/** Player time (from the clip's start) to the source timeline. */
export function sourceTime(clipStart: number, currentTime: number): number {
  return clipStart + currentTime;
}

/** The word spoken at source time t: the one whose [start, end) holds t, else null (a gap).
 * Words are in time order; a binary search keeps timeupdate cheap on long transcripts. */
export function activeWordAt(words: readonly Word[], t: number): Word | null {
  let low = 0;
  let high = words.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const word = words[middle]!;
    if (t < word.start) high = middle - 1;
    else if (t >= word.end) low = middle + 1;
    else return word;
  }
  return null;
}

/** The last word that started at or before t (to keep a line on screen across short gaps). */
function lastStartedAt(words: readonly Word[], t: number): number {
  let low = 0;
  let high = words.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (words[middle]!.start <= t) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** The words of the caption line shown at t: words_per_line words at a time, in the order of
 * the clip's words, and nothing once the last one is more than `hold` seconds over. */
export function captionLineAt(words: readonly Word[], t: number, wordsPerLine = 4, hold = 0.6): Word[] {
  const at = lastStartedAt(words, t);
  if (at < 0) return [];
  const word = words[at]!;
  const per = Math.max(1, Math.floor(wordsPerLine));
  const first = Math.floor(at / per) * per;
  const line = words.slice(first, first + per);
  const last = line[line.length - 1]!;
  if (t >= word.end && t > last.end + hold) return [];
  return line;
}

const FALLBACK_FONTS: Record<string, string> = {
  "DejaVu Sans": '"DejaVu Sans", Verdana, "Helvetica Neue", Arial, sans-serif',
  "Liberation Sans": '"Liberation Sans", Arial, Helvetica, sans-serif',
  "Liberation Serif": '"Liberation Serif", "Times New Roman", Times, serif',
  "DejaVu Serif": '"DejaVu Serif", Georgia, serif',
};

function fontStack(font: string | undefined): string {
  if (!font) return FALLBACK_FONTS["DejaVu Sans"]!;
  return FALLBACK_FONTS[font] ?? `"${font.replace(/"/g, "")}", sans-serif`;
}

/** A text-shadow ring that draws an outline of `width` px around the glyphs. */
export function outlineShadow(width: number, colour: string): string {
  if (width <= 0) return "none";
  const w = Math.round(width * 100) / 100;
  const steps = 8;
  const rings: string[] = [];
  for (let i = 0; i < steps; i++) {
    const angle = (i / steps) * 2 * Math.PI;
    const x = Math.round(Math.cos(angle) * w * 100) / 100;
    const y = Math.round(Math.sin(angle) * w * 100) / 100;
    rings.push(`${x}px ${y}px 0 ${colour}`);
  }
  return rings.join(", ");
}

export type OverlayStyles = {
  /** The positioned container over the player. */
  container: CSSProperties;
  /** One caption line. */
  line: CSSProperties;
  /** The word being spoken (highlight and karaoke). */
  active: CSSProperties;
  /** Words already spoken in karaoke (they stay filled). */
  spoken: CSSProperties;
};

/** A preset's style as CSS, for a player `height` px tall. */
export function presetCss(style: CaptionStyle, height: number): OverlayStyles {
  const fontSize = Math.max(8, (style.size ?? 0.052) * height);
  const colour = style.colour ?? "#FFFFFF";
  const highlight = style.highlight_colour ?? "#FFD400";
  const outlineColour = style.outline_colour ?? "#000000";
  const outlineWidth = (style.outline ?? 0.12) * fontSize;
  const position = style.position ?? "centre";
  const container: CSSProperties = {
    position: "absolute",
    left: "6%",
    right: "6%",
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    textAlign: "center",
    pointerEvents: "none",
  };
  if (position === "centre") {
    container.top = "50%";
    container.transform = "translateY(-50%)";
  } else if (position === "lower") {
    container.bottom = "22%";
  } else {
    container.bottom = "12%";
  }
  const line: CSSProperties = {
    fontFamily: fontStack(style.font),
    fontWeight: style.bold === false ? 400 : 700,
    fontSize: `${Math.round(fontSize * 10) / 10}px`,
    lineHeight: 1.2,
    color: colour,
    textTransform: style.uppercase ? "uppercase" : "none",
    overflowWrap: "anywhere",
  };
  if (style.box) {
    line.backgroundColor = "rgba(0, 0, 0, 0.6)";
    line.padding = `${Math.round(fontSize * 0.15)}px ${Math.round(fontSize * 0.35)}px`;
    line.borderRadius = `${Math.round(fontSize * 0.15)}px`;
    line.textShadow = outlineWidth > 0 ? outlineShadow(outlineWidth, outlineColour) : "none";
  } else {
    // Without a box the renderer draws an outline (and a shadow when there is none).
    line.textShadow =
      outlineWidth > 0 ? outlineShadow(outlineWidth, outlineColour) : `0 ${Math.round(fontSize * 0.06)}px ${Math.round(fontSize * 0.12)}px rgba(0,0,0,0.8)`;
  }
  const animation = style.animation ?? "none";
  const active: CSSProperties = animation === "none" ? {} : { color: highlight };
  const spoken: CSSProperties = animation === "karaoke" ? { color: highlight } : {};
  return { container, line, active, spoken };
}

/** Whether a word of the line is the active one, already spoken, or still to come. */
export function wordPhase(word: Word, t: number): "spoken" | "active" | "coming" {
  if (t >= word.end) return "spoken";
  if (t >= word.start) return "active";
  return "coming";
}

/** A stretch cut out of a clip, [start, end] on the source timeline. */
export type Span = readonly [number, number] | readonly number[];

function spanOf(span: Span): [number, number] {
  return [span[0] ?? 0, span[1] ?? 0];
}

/** How long a clip from `start` to `end` plays once the `removed` stretches are cut out. */
export function playedSeconds(start: number, end: number, removed: readonly Span[]): number {
  let played = Math.max(0, end - start);
  for (const span of removed) {
    const [a, b] = spanOf(span);
    played -= Math.max(0, Math.min(b, end) - Math.max(a, start));
  }
  return Math.max(0, played);
}

/** Player time of a render (which skips the removed stretches) to the source timeline. */
export function playedToSource(clipStart: number, played: number, removed: readonly Span[]): number {
  let t = clipStart + played;
  for (const [a, b] of removed.map(spanOf).sort((x, y) => x[0] - y[0])) {
    if (a < t && a >= clipStart) t += b - a;
    else if (a >= t) break;
  }
  return t;
}

/** A source time to the render's player time (inside a removed stretch: where the stretch was). */
export function sourceToPlayed(clipStart: number, t: number, removed: readonly Span[]): number {
  let played = t - clipStart;
  for (const span of removed) {
    const [a, b] = spanOf(span);
    if (a < clipStart) continue;
    played -= Math.max(0, Math.min(b, t) - a);
  }
  return Math.max(0, played);
}

/** Where each removed stretch shows in the transcript: keyed by the position (in `words`) of the
 * first word after it (`words.length` for one after the last word), the stretches' lengths. */
export function cutMarkers(words: readonly Word[], removed: readonly Span[]): Map<number, number[]> {
  const markers = new Map<number, number[]>();
  for (const span of removed.map(spanOf).sort((x, y) => x[0] - y[0])) {
    const [a, b] = span;
    let at = words.findIndex((word) => word.start >= (a + b) / 2);
    if (at < 0) at = words.length;
    markers.set(at, [...(markers.get(at) ?? []), Math.round((b - a) * 1000) / 1000]);
  }
  return markers;
}

/** A cut's label: "cut 0.4 s" ("cut 0.02 s" for one under a tenth). */
export function cutLabel(seconds: number): string {
  return `cut ${seconds < 0.095 ? seconds.toFixed(2) : seconds.toFixed(1)} s`;
}

/** The stretch of source time the timeline strip shows: the clip, `pad` seconds either side
 * (room to drag an edge outwards) and the transcript's words around it. */
export function timelineWindow(words: readonly Word[], start: number, end: number, pad = 1): [number, number] {
  const from = Math.max(0, Math.min(start - pad, words[0]?.start ?? start));
  const to = roundMs(Math.max(end + pad, words[words.length - 1]?.end ?? end));
  return to > from ? [from, to] : [from, from + 1];
}

/** A source time as a share (0–1) of the timeline's window, and back. */
export function timeToFraction(t: number, window: readonly [number, number]): number {
  const [from, to] = window;
  return Math.min(1, Math.max(0, (t - from) / (to - from)));
}

export function fractionToTime(fraction: number, window: readonly [number, number]): number {
  const [from, to] = window;
  return roundMs(from + Math.min(1, Math.max(0, fraction)) * (to - from));
}

function roundMs(t: number): number {
  return Math.round(t * 1000) / 1000;
}

/** A handle moved by `delta` seconds, kept within [min, max] (no drifting float sums). */
export function nudge(value: number, delta: number, min: number, max: number): number {
  return roundMs(Math.min(max, Math.max(min, value + delta)));
}

/** The least gap kept between the start and end handles while dragging (the server asks 1 s). */
export const HANDLE_GAP = 0.1;

/** The clip right after this one in a video (starting at or after its end, at most `gap` s
 * later): what "Merge with the next clip" joins it to. */
export function nextClip<T extends { id: string; start_seconds: number; end_seconds: number }>(
  clips: readonly T[],
  current: { id: string; end_seconds: number },
  gap = 3,
): T | null {
  let best: T | null = null;
  for (const clip of clips) {
    if (clip.id === current.id || clip.start_seconds < current.end_seconds - 0.001 || clip.start_seconds > current.end_seconds + gap) continue;
    if (!best || clip.start_seconds < best.start_seconds) best = clip;
  }
  return best;
}
