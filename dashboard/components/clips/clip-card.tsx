"use client";

import type { Schemas } from "@stakazo/api-client";
import Link from "next/link";
import { useRef } from "react";
import { StateBadge } from "@/components/ui/badge";
import { formatSeconds } from "@/lib/utils";
import { ClipPreview } from "./clip-preview";
import { platformName } from "./contributions";

export function formatScore(score: number | null | undefined): string {
  return score == null ? "—" : score.toFixed(2);
}

export function ClipCard({ clip }: { clip: Schemas["ClipOut"] }) {
  const card = useRef<HTMLElement>(null);
  const name = clip.asset_name || "video";
  const label = `clip ${clip.rank} of ${name}`;
  const best = Object.entries(clip.scores).sort((a, b) => b[1] - a[1]);
  return (
    <article ref={card} aria-label={`Clip ${clip.rank} of ${name}`} className="flex flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <ClipPreview clip={clip} label={label} hoverTarget={card} />
      <div className="flex flex-1 flex-col gap-2 p-3">
        <div className="flex items-center justify-between gap-2">
          <Link href={`/clips/detail?id=${clip.id}`} className="font-semibold text-slate-900 underline-offset-2 hover:underline">
            #{clip.rank} · {formatSeconds(clip.start_seconds)}–{formatSeconds(clip.end_seconds)}
          </Link>
          <StateBadge state={clip.status} />
        </div>
        <p className="truncate text-sm text-slate-700" title={name}>
          {name}
        </p>
        <dl className="grid grid-cols-2 gap-x-2 text-sm">
          <dt className="text-slate-600">Score</dt>
          <dd className="text-right font-medium text-slate-900">{formatScore(clip.score)}</dd>
          <dt className="text-slate-600">Length</dt>
          <dd className="text-right text-slate-900">{clip.duration_seconds.toFixed(1)} s</dd>
        </dl>
        {best.length > 0 ? (
          <p className="text-xs text-slate-600">
            {best.map(([platform, score]) => `${platformName(platform)} ${formatScore(score)}`).join(" · ")}
          </p>
        ) : null}
        {clip.caption ? <p className="line-clamp-2 text-sm text-slate-800">{clip.caption}</p> : null}
      </div>
    </article>
  );
}
