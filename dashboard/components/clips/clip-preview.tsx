"use client";

// A clip that plays muted on hover or focus, and with its play button: a ready variant's preview
// when there is one, else the source video between the clip's start and end.
import { Pause, Play } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { cn } from "@/lib/utils";

export type Playable = {
  preview_url?: string | null;
  cover_url?: string | null;
  source_url?: string | null;
  video_url?: string | null;
  start_seconds: number;
  end_seconds: number;
};

/** What to play and over which range of it (null: the whole file). */
export function previewSource(clip: Playable): { src: string; range: [number, number] | null } | null {
  if (clip.preview_url) return { src: clip.preview_url, range: null };
  if (clip.video_url) return { src: clip.video_url, range: null };
  if (clip.source_url)
    return {
      src: `${clip.source_url}#t=${clip.start_seconds.toFixed(2)},${clip.end_seconds.toFixed(2)}`,
      range: [clip.start_seconds, clip.end_seconds],
    };
  return null;
}

export function ClipPreview({
  clip,
  label,
  hoverTarget,
  className,
}: {
  clip: Playable;
  label: string;
  /** Playing starts when the pointer or the focus enters this element (the card). */
  hoverTarget?: React.RefObject<HTMLElement | null>;
  className?: string;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(false);
  const source = previewSource(clip);
  const ranged = source?.range != null;
  const { start_seconds: start, end_seconds: end } = clip;

  const play = useCallback(() => {
    const element = video.current;
    if (!element) return;
    if (ranged && (element.currentTime < start || element.currentTime >= end)) element.currentTime = start;
    void element.play().catch(() => setPlaying(false));
  }, [ranged, start, end]);
  const pause = useCallback(() => video.current?.pause(), []);

  useEffect(() => {
    const target = hoverTarget?.current;
    if (!target) return;
    const leave = (event: FocusEvent | MouseEvent) => {
      if (event instanceof FocusEvent && target.contains(event.relatedTarget as Node | null)) return;
      pause();
    };
    target.addEventListener("mouseenter", play);
    target.addEventListener("mouseleave", leave);
    target.addEventListener("focusin", play);
    target.addEventListener("focusout", leave);
    return () => {
      target.removeEventListener("mouseenter", play);
      target.removeEventListener("mouseleave", leave);
      target.removeEventListener("focusin", play);
      target.removeEventListener("focusout", leave);
    };
  }, [hoverTarget, play, pause]);

  if (!source)
    return (
      <div className={cn("flex aspect-[9/16] items-center justify-center bg-slate-800 text-sm text-slate-100", className)}>
        No preview yet
      </div>
    );

  return (
    <div className={cn("relative aspect-[9/16] overflow-hidden bg-slate-900", className)}>
      <video
        ref={video}
        src={source.src}
        poster={clip.cover_url ?? undefined}
        muted
        playsInline
        loop={source.range === null}
        preload="metadata"
        aria-label={label}
        className="h-full w-full object-contain"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onTimeUpdate={(event) => {
          const element = event.currentTarget;
          if (source.range && element.currentTime >= source.range[1]) element.currentTime = source.range[0];
        }}
      />
      <button
        type="button"
        onClick={() => (playing ? pause() : play())}
        aria-label={playing ? `Pause ${label}` : `Play ${label}`}
        className="absolute bottom-2 left-2 inline-flex h-9 w-9 items-center justify-center rounded-full bg-slate-900/80 text-white hover:bg-slate-900"
      >
        {playing ? <Pause className="h-4 w-4" aria-hidden /> : <Play className="h-4 w-4" aria-hidden />}
      </button>
    </div>
  );
}
