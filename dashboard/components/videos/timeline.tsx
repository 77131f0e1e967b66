"use client";

// The analysis timeline drawn as tracks under the player: shot cuts, the loudness curve with
// silences shaded, spoken words, stretches with faces on screen, and the clips found. A playhead
// follows the player; a click seeks; a click on a clip opens it.
import { useRouter } from "next/navigation";
import { useMemo, useState, type MouseEvent } from "react";
import { formatSeconds } from "@/lib/utils";
import { layoutTimeline, summarise, TRACK_HEIGHT, TRACK_LABEL, TRACKS, type ClipRange, type TimelineData } from "./timeline-layout";

const WIDTH = 1000;

export function Timeline({
  data,
  clips,
  currentTime,
  onSeek,
}: {
  data: TimelineData;
  clips: ClipRange[];
  currentTime: number;
  onSeek: (seconds: number) => void;
}) {
  const router = useRouter();
  const layout = useMemo(() => layoutTimeline(data, clips, WIDTH), [data, clips]);
  const [hovered, setHovered] = useState<string | null>(null);
  const playhead = layout.duration > 0 ? (Math.min(currentTime, layout.duration) / layout.duration) * WIDTH : 0;

  const seek = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width <= 0) return;
    onSeek(((event.clientX - box.left) / box.width) * layout.duration);
  };

  return (
    <div>
      <div className="flex gap-3">
        <div aria-hidden className="flex w-20 shrink-0 flex-col text-xs font-medium text-slate-700">
          {TRACKS.map((track) => (
            <div key={track} style={{ height: TRACK_HEIGHT[track], marginBottom: 8 }} className="flex items-center">
              {TRACK_LABEL[track]}
            </div>
          ))}
        </div>
        <svg
          role="img"
          aria-label={summarise(layout)}
          data-testid="timeline"
          viewBox={`0 0 ${WIDTH} ${layout.height}`}
          preserveAspectRatio="none"
          width="100%"
          height={layout.height}
          className="min-w-0 flex-1 cursor-pointer overflow-visible"
          onClick={seek}
        >
          {TRACKS.map((track) => (
            <rect key={track} x={0} y={layout.top[track]} width={WIDTH} height={TRACK_HEIGHT[track]} className="fill-slate-100" />
          ))}
          <g data-track="shots">
            {layout.cuts.map((cut) => (
              <line
                key={cut.t}
                data-t={cut.t}
                x1={cut.x}
                x2={cut.x}
                y1={layout.top.shots}
                y2={layout.top.shots + TRACK_HEIGHT.shots}
                className="stroke-slate-700"
                strokeWidth={2}
                vectorEffect="non-scaling-stroke"
              />
            ))}
          </g>
          <g data-track="silences">
            {layout.silences.map((s) => (
              <rect key={s.start} x={s.x} width={s.width} y={layout.top.loudness} height={TRACK_HEIGHT.loudness} className="fill-amber-200" />
            ))}
          </g>
          <g data-track="loudness">
            {layout.loudnessPath ? (
              <path d={layout.loudnessPath} fill="none" className="stroke-sky-700" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
            ) : null}
          </g>
          <g data-track="words">
            {layout.words.map((w, index) => (
              <rect
                key={index}
                x={w.x}
                width={w.width}
                y={layout.top.words + 3}
                height={TRACK_HEIGHT.words - 6}
                rx={2}
                className={hovered === `${index}` ? "fill-brand-700" : "fill-brand-500"}
                onMouseEnter={() => setHovered(`${index}`)}
                onMouseLeave={() => setHovered(null)}
              >
                <title>{w.text}</title>
              </rect>
            ))}
          </g>
          <g data-track="faces">
            {layout.faces.map((f) => (
              <rect key={f.start} x={f.x} width={f.width} y={layout.top.faces + 4} height={TRACK_HEIGHT.faces - 8} className="fill-emerald-600" />
            ))}
          </g>
          <g data-track="clips">
            {layout.clips.map((c) => (
              <rect
                key={c.id}
                data-clip={c.id}
                x={c.x}
                width={c.width}
                y={layout.top.clips + 2}
                height={TRACK_HEIGHT.clips - 4}
                rx={3}
                className="fill-violet-600/70 stroke-violet-900 hover:fill-violet-700"
                vectorEffect="non-scaling-stroke"
                onClick={(event) => {
                  event.stopPropagation();
                  router.push(`/clips/detail?id=${c.id}`);
                }}
              >
                <title>{`Clip ${c.rank}: ${formatSeconds(c.start)}–${formatSeconds(c.end)}, score ${c.score.toFixed(2)}`}</title>
              </rect>
            ))}
          </g>
          <line
            data-testid="playhead"
            x1={playhead}
            x2={playhead}
            y1={0}
            y2={layout.height}
            className="stroke-red-600"
            strokeWidth={2}
            vectorEffect="non-scaling-stroke"
          />
        </svg>
      </div>
      <p className="ml-[5.75rem] mt-1 flex justify-between text-xs text-slate-600" aria-hidden>
        <span>0:00</span>
        <span>{hovered != null ? `“${layout.words[Number(hovered)]?.text ?? ""}”` : `Playhead ${formatSeconds(currentTime)}`}</span>
        <span>{formatSeconds(layout.duration)}</span>
      </p>
      <Legend />
    </div>
  );
}

function Legend() {
  const items = [
    ["bg-slate-700", "shot cut"],
    ["bg-sky-700", "loudness"],
    ["bg-amber-200", "silence"],
    ["bg-brand-500", "spoken word"],
    ["bg-emerald-600", "faces on screen"],
    ["bg-violet-600", "clip"],
    ["bg-red-600", "playhead"],
  ] as const;
  return (
    <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="Legend">
      {items.map(([colour, label]) => (
        <li key={label} className="flex items-center gap-1.5">
          <span className={`inline-block h-3 w-3 rounded-sm ${colour}`} aria-hidden />
          {label}
        </li>
      ))}
    </ul>
  );
}

/** Words for keyboard and screen-reader users: each one seeks the player to where it is said. */
export function WordList({ data, onSeek }: { data: TimelineData; onSeek: (seconds: number) => void }) {
  const [open, setOpen] = useState(false);
  const words = data.words ?? [];
  if (words.length === 0) return null;
  return (
    <details className="mt-4" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer text-sm font-medium text-slate-800">Spoken words ({words.length})</summary>
      {open ? (
        <p className="mt-2 flex flex-wrap gap-1 text-sm leading-7">
          {words.map((w, index) => (
            <button
              key={index}
              type="button"
              className="rounded px-0.5 text-slate-800 hover:bg-brand-50 focus:bg-brand-100"
              title={`${formatSeconds(w.start)}`}
              aria-label={`${w.text}, at ${formatSeconds(w.start)}`}
              onClick={() => onSeek(w.start)}
            >
              {w.text}
            </button>
          ))}
        </p>
      ) : null}
    </details>
  );
}
