"use client";

// The editor's player: the clip's video with the chosen caption preset drawn over it, live, from
// the transcript's words around the player's time (source time = clip start + player time).
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react";
import { captionLineAt, playedToSource, presetCss, sourceTime, wordPhase, type CaptionStyle, type Span, type Word } from "./logic";

export type PlayerHandle = { seek: (clipSeconds: number) => void; play: () => void };

type Props = {
  src: string | null;
  poster?: string | null;
  label: string;
  /** The source time at the player's 0: the clip's start for a render, 0 for the source video. */
  offset: number;
  /** Where the source video plays from and to (player time), when it stands in for a render. */
  range: [number, number] | null;
  /** Draw the caption preview over the video. */
  overlay: boolean;
  words: readonly Word[];
  style: CaptionStyle | null;
  /** Play as soon as this source can (a new render just became ready). */
  autoPlay: boolean;
  onTime?: (sourceSeconds: number) => void;
  /** The stretches a render skips (null for the source video, which plays them). */
  removed?: readonly Span[] | null;
};

export const EditorPlayer = forwardRef<PlayerHandle, Props>(function EditorPlayer(
  { src, poster, label, offset, range, overlay, words, style, autoPlay, onTime, removed },
  ref,
) {
  const video = useRef<HTMLVideoElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(640);
  const [time, setTime] = useState(0);

  useImperativeHandle(ref, () => ({
    seek(clipSeconds: number) {
      const element = video.current;
      if (!element) return;
      element.currentTime = Math.max(0, clipSeconds);
      setTime(element.currentTime);
    },
    play() {
      void playSafely(video.current);
    },
  }));

  useEffect(() => {
    const element = frame.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box && box.height > 0) setHeight(box.height);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // While playing, follow the time every frame (timeupdate comes 4 times a second: too coarse
  // for the word highlight).
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    let handle = 0;
    const tick = () => {
      setTime(element.currentTime);
      if (!element.paused) handle = requestAnimationFrame(tick);
    };
    const start = () => {
      cancelAnimationFrame(handle);
      handle = requestAnimationFrame(tick);
    };
    const update = () => setTime(element.currentTime);
    element.addEventListener("play", start);
    element.addEventListener("seeked", update);
    element.addEventListener("timeupdate", update);
    return () => {
      cancelAnimationFrame(handle);
      element.removeEventListener("play", start);
      element.removeEventListener("seeked", update);
      element.removeEventListener("timeupdate", update);
    };
  }, [src]);

  const at = removed?.length ? playedToSource(offset, time, removed) : sourceTime(offset, time);
  useEffect(() => onTime?.(at), [at, onTime]);

  const css = style && overlay ? presetCss(style, height) : null;
  const line = css && style ? captionLineAt(words, at, style.words_per_line ?? 4) : [];

  return (
    <div ref={frame} className="relative aspect-[9/16] w-full overflow-hidden rounded-lg bg-slate-900">
      {src ? (
        <video
          ref={video}
          key={src}
          src={src}
          poster={poster ?? undefined}
          controls
          playsInline
          preload="auto"
          aria-label={label}
          data-testid="editor-video"
          className="h-full w-full object-contain"
          onLoadedMetadata={(event) => {
            if (range) event.currentTarget.currentTime = range[0];
          }}
          onLoadedData={(event) => {
            if (autoPlay) void playSafely(event.currentTarget);
          }}
          onTimeUpdate={(event) => {
            const element = event.currentTarget;
            if (range && element.currentTime >= range[1]) {
              element.pause();
              element.currentTime = range[0];
            }
          }}
        />
      ) : (
        <p className="p-6 text-sm text-slate-100">Nothing to play yet: render the clip.</p>
      )}
      {css && line.length > 0 ? (
        <div style={css.container} aria-hidden data-testid="caption-overlay">
          <p style={css.line}>
            {line.map((word, i) => {
              const phase = wordPhase(word, at);
              const extra = phase === "active" ? css.active : phase === "spoken" ? css.spoken : undefined;
              return (
                <span key={word.index} style={extra} data-active={phase === "active" || undefined}>
                  {i > 0 ? " " : ""}
                  {word.text}
                </span>
              );
            })}
          </p>
        </div>
      ) : null}
    </div>
  );
});

/** Play; where the browser refuses sound without a gesture, play muted instead. */
async function playSafely(element: HTMLVideoElement | null): Promise<void> {
  if (!element) return;
  try {
    await element.play();
  } catch {
    element.muted = true;
    await element.play().catch(() => undefined);
  }
}
