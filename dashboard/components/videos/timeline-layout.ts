// From the analysis timeline (GET /v1/assets/{id}/timeline, written by workers/media/timeline.py)
// to the marks drawn on each track. Pure: data and a width in, positions out.

export type TimelineData = {
  duration: number;
  shots?: number[];
  silences?: [number, number][];
  loudness?: [number, number][];
  motion?: [number, number][];
  faces?: [number, number][];
  words?: { text: string; start: number; end: number }[] | null;
};

export type ClipRange = { id: string; rank: number; start_seconds: number; end_seconds: number; score: number };

export const TRACKS = ["shots", "loudness", "words", "faces", "clips"] as const;
export type Track = (typeof TRACKS)[number];
export const TRACK_HEIGHT: Record<Track, number> = { shots: 24, loudness: 48, words: 24, faces: 20, clips: 28 };
export const TRACK_LABEL: Record<Track, string> = {
  shots: "Shots",
  loudness: "Loudness",
  words: "Words",
  faces: "Faces",
  clips: "Clips",
};
const GAP = 8;
/** Momentary loudness is clamped at -70 LUFS by analysis; 0 LUFS is the ceiling. */
export const QUIET_LUFS = -70;

export type Span = { x: number; width: number; start: number; end: number };

export type Layout = {
  width: number;
  height: number;
  duration: number;
  top: Record<Track, number>;
  cuts: { x: number; t: number }[];
  loudnessPath: string;
  silences: Span[];
  words: (Span & { text: string })[];
  faces: Span[];
  clips: (Span & { id: string; rank: number; score: number })[];
  hasTranscript: boolean;
};

export function xOf(t: number, duration: number, width: number): number {
  if (duration <= 0) return 0;
  return Math.round((Math.max(0, Math.min(duration, t)) / duration) * width * 100) / 100;
}

function span(start: number, end: number, duration: number, width: number): Span {
  const x = xOf(start, duration, width);
  return { x, width: Math.max(1, xOf(end, duration, width) - x), start, end };
}

/** Consecutive samples with at least one face become one band, up to the next sample without. */
export function presenceBands(faces: [number, number][], duration: number): [number, number][] {
  const bands: [number, number][] = [];
  let open: number | null = null;
  const sorted = [...faces].sort((a, b) => a[0] - b[0]);
  for (const [t, count] of sorted) {
    if (count > 0 && open === null) open = t;
    if (count <= 0 && open !== null) {
      bands.push([open, t]);
      open = null;
    }
  }
  if (open !== null) bands.push([open, duration]);
  return bands;
}

export function layoutTimeline(data: TimelineData, clips: ClipRange[], width: number): Layout {
  const duration = Math.max(0, data.duration || 0);
  const top = {} as Record<Track, number>;
  let y = 0;
  for (const track of TRACKS) {
    top[track] = y;
    y += TRACK_HEIGHT[track] + GAP;
  }
  const loudTop = top.loudness;
  const loudHeight = TRACK_HEIGHT.loudness;
  const points = (data.loudness ?? []).map(([t, lufs]) => {
    const level = (Math.min(0, Math.max(QUIET_LUFS, lufs)) - QUIET_LUFS) / -QUIET_LUFS; // 0..1
    return `${xOf(t, duration, width)},${Math.round((loudTop + loudHeight * (1 - level)) * 100) / 100}`;
  });
  return {
    width,
    height: y - GAP,
    duration,
    top,
    cuts: (data.shots ?? []).map((t) => ({ t, x: xOf(t, duration, width) })),
    loudnessPath: points.length ? `M${points.join("L")}` : "",
    silences: (data.silences ?? []).map(([a, b]) => span(a, b, duration, width)),
    words: (data.words ?? []).map((w) => ({ ...span(w.start, w.end, duration, width), text: w.text })),
    faces: presenceBands(data.faces ?? [], duration).map(([a, b]) => span(a, b, duration, width)),
    clips: [...clips]
      .sort((a, b) => a.start_seconds - b.start_seconds)
      .map((c) => ({ ...span(c.start_seconds, c.end_seconds, duration, width), id: c.id, rank: c.rank, score: c.score })),
    hasTranscript: data.words != null,
  };
}

/** What the drawing shows, in one sentence for screen readers. */
export function summarise(layout: Layout): string {
  const minutes = (layout.duration / 60).toFixed(1);
  const words = layout.hasTranscript ? `${layout.words.length} spoken words` : "no transcript";
  return (
    `Analysis timeline of ${minutes} minutes: ${layout.cuts.length} shot cuts, ` +
    `${layout.silences.length} silences, ${words}, ` +
    `faces on screen in ${layout.faces.length} stretches, ${layout.clips.length} clips found.`
  );
}
