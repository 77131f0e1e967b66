"use client";

// The best clip of a video as soon as its render is ready: clips are rendered best first while
// speech is still being recognised, so this is the first thing worth watching after an upload.
import type { Schemas } from "@stakazo/api-client";
import Link from "next/link";
import { formatSeconds } from "@/lib/utils";

type Clip = Schemas["ClipOut"];

export function FirstClip({ clips, transcriptPending }: { clips: Clip[]; transcriptPending: boolean }) {
  if (clips.length === 0) return null;
  const best = [...clips].sort((a, b) => a.rank - b.rank)[0]!;
  const ready = clips.filter((clip) => clip.preview_url).length;
  return (
    <section className="mb-6" aria-live="polite" aria-label="Best clip">
      <h3 className="mb-1 text-base font-semibold text-slate-900">Best clip</h3>
      <p className="mt-1 text-sm text-slate-700">
        {ready} of {clips.length} clips rendered.
        {transcriptPending ? " Speech is still being recognised: captions and clip edges may still be refined." : ""}
      </p>
      {best.preview_url ? (
        <video
          src={best.preview_url}
          poster={best.cover_url ?? undefined}
          controls
          preload="metadata"
          className="mt-3 max-h-[50vh] rounded-md bg-black"
          aria-label={`Preview of clip ${best.rank}`}
        />
      ) : (
        <p className="mt-3 text-sm text-slate-700">The best clip is being rendered; it plays here when it is ready.</p>
      )}
      <p className="mt-2 text-sm">
        <Link href={`/clips/detail?id=${best.id}`} className="font-medium text-brand-700 underline">
          Clip {best.rank}: {formatSeconds(best.start_seconds)}–{formatSeconds(best.end_seconds)}
        </Link>{" "}
        <span className="text-slate-700">· score {best.score.toFixed(2)}</span>
      </p>
    </section>
  );
}
