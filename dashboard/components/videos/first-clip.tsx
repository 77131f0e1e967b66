"use client";

// The best clip of a video as soon as its render is ready: clips are rendered best first while
// speech is still being recognised, so this is the first thing worth watching after an upload.
// Before that, while the video is still analysed, the first clip found in its opening.
import type { Schemas } from "@stakazo/api-client";
import Link from "next/link";
import { formatSeconds } from "@/lib/utils";

type Clip = Schemas["ClipOut"];

export function FirstClip({
  clips,
  transcriptPending,
  analysing = false,
}: {
  clips: Clip[];
  transcriptPending: boolean;
  analysing?: boolean;
}) {
  if (clips.length === 0) return null;
  const ranked = [...clips].sort((a, b) => a.rank - b.rank);
  const best = ranked[0]!;
  // Until the best clip's render lands, the best one already rendered plays (the opening's
  // first clip, rendered while the rest of the video was analysed).
  const playing = best.preview_url ? best : (ranked.find((clip) => clip.preview_url) ?? best);
  const ready = clips.filter((clip) => clip.preview_url).length;
  const title = analysing ? "First clip" : "Best clip";
  return (
    <section className="mb-6" aria-live="polite" aria-label={title}>
      <h3 className="mb-1 text-base font-semibold text-slate-900">{title}</h3>
      <p className="mt-1 text-sm text-slate-700">
        {analysing
          ? "Found in the opening while the rest of the video is still being analysed; more clips follow."
          : `${ready} of ${clips.length} clips rendered.`}
        {transcriptPending && !analysing ? " Speech is still being recognised: captions and clip edges may still be refined." : ""}
      </p>
      {playing.preview_url ? (
        <video
          src={playing.preview_url}
          poster={playing.cover_url ?? undefined}
          controls
          preload="metadata"
          className="mt-3 max-h-[50vh] rounded-md bg-black"
          aria-label={`Preview of clip ${playing.rank}`}
        />
      ) : (
        <p className="mt-3 text-sm text-slate-700">
          The {analysing ? "first" : "best"} clip is being rendered; it plays here when it is ready.
        </p>
      )}
      {playing !== best ? (
        <p className="mt-2 text-sm text-slate-700">
          Clip {best.rank}, the best, is still being rendered; clip {playing.rank} plays meanwhile.
        </p>
      ) : null}
      <p className="mt-2 text-sm">
        <Link href={`/clips/detail?id=${playing.id}`} className="font-medium text-brand-700 underline">
          Clip {playing.rank}: {formatSeconds(playing.start_seconds)}–{formatSeconds(playing.end_seconds)}
        </Link>{" "}
        <span className="text-slate-700">· score {playing.score.toFixed(2)}</span>
      </p>
    </section>
  );
}
