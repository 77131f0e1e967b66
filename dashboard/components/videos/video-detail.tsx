"use client";

// One video: its facts, a player of the source, the analysis timeline under it with the clips
// found, and the jobs working on it while it is processed.
import type { Schemas } from "@stakazo/api-client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { StateBadge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ProgressBar } from "@/components/ui/progress";
import { Empty, ErrorState, Loading, QueryState } from "@/components/ui/states";
import { api } from "@/lib/api";
import { ApiProblem, unwrap } from "@/lib/errors";
import { useSession } from "@/lib/session";
import { formatBytes, formatSeconds, timeAgo } from "@/lib/utils";
import { FirstClip } from "./first-clip";
import { TagEditor } from "./tag-editor";
import { Timeline, WordList } from "./timeline";
import type { TimelineData } from "./timeline-layout";

type Asset = Schemas["AssetOut"];
const PROCESSING = new Set(["uploaded", "probing", "analyzing"]);
const STATE_WORDS: Record<string, string> = {
  uploaded: "Uploaded; waiting for a worker to look at it.",
  probing: "Reading the file: streams, codecs, duration.",
  analyzing: "Analysing shots and sound, then finding clips; speech follows once they render.",
  ready: "Analysed. Its clips are ready to review.",
  rejected: "Refused: this file cannot be used as a video.",
  failed: "Processing failed. Start it again from the jobs page.",
};

export function useAsset(id: string) {
  return useQuery({
    queryKey: ["asset", id],
    queryFn: async () => unwrap(await api.GET("/v1/assets/{asset_id}", { params: { path: { asset_id: id } } })),
    // The event stream refreshes this; while processing, look again in case an event is missed.
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return false;
      return PROCESSING.has(data.state) ? 2000 : data.transcript_status === "pending" ? 5000 : false;
    },
  });
}

function mediaFacts(info: Asset["media_info"]): [string, string][] {
  if (!info) return [];
  const facts: [string, string][] = [];
  const video = info.video as { codec?: string; width?: number; height?: number; rotation?: number } | undefined;
  const rate = typeof info.frame_rate === "number" ? info.frame_rate : null;
  if (typeof info.format_name === "string") facts.push(["Container", info.format_name.split(",")[0] ?? info.format_name]);
  if (video?.codec) {
    facts.push([
      "Video",
      `${video.codec}${video.width ? `, ${video.width}×${video.height}` : ""}${rate ? `, ${rate.toFixed(rate % 1 ? 2 : 0)} fps` : ""}${video.rotation ? `, turned ${video.rotation}°` : ""}`,
    ]);
  }
  const streams = Array.isArray(info.streams) ? (info.streams as { kind?: string; codec?: string; sample_rate?: number; channels?: number }[]) : [];
  const audio = streams.find((stream) => stream.kind === "audio");
  facts.push([
    "Audio",
    audio ? `${audio.codec ?? "?"}${audio.sample_rate ? `, ${audio.sample_rate} Hz` : ""}${audio.channels ? `, ${audio.channels === 1 ? "mono" : audio.channels === 2 ? "stereo" : `${audio.channels} channels`}` : ""}` : "none",
  ]);
  if (typeof info.bit_rate === "number") facts.push(["Bit rate", `${Math.round(info.bit_rate / 1000)} kbit/s`]);
  return facts;
}

function transcriptWords(asset: Asset): string {
  const reason = asset.transcript_reason ? ` ${asset.transcript_reason}` : "";
  switch (asset.transcript_status) {
    case "available":
      return "Transcribed.";
    case "pending":
      return "Not transcribed yet: speech is recognised after the clips are rendered.";
    default:
      return `No transcript (${asset.transcript_status.replaceAll("_", " ")}).${reason}`;
  }
}

function Facts({ asset }: { asset: Asset }) {
  const rows: [string, React.ReactNode][] = [
    ["State", <StateBadge key="s" state={asset.state} />],
    ["Duration", formatSeconds(asset.duration_seconds)],
    ["Size", formatBytes(asset.size_bytes)],
    ["Uploaded", timeAgo(asset.created_at)],
    ["Transcript", transcriptWords(asset)],
    ["Tags", <TagEditor key="t" asset={asset} />],
    ...mediaFacts(asset.media_info),
  ];
  return (
    <Card>
      <CardTitle>About this video</CardTitle>
      {asset.rejection_reason ? (
        <p role="alert" className="mt-2 rounded-md bg-red-50 p-2 text-sm text-red-900">
          Why it was refused: {asset.rejection_reason}
        </p>
      ) : null}
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd className="text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

// Speech recognition and the clips' renders run on after the asset is ready.
function working(asset: Asset): boolean {
  return PROCESSING.has(asset.state) || (asset.state === "ready" && asset.transcript_status === "pending");
}

function ActiveJobs({ asset }: { asset: Asset }) {
  const { can } = useSession();
  const processing = working(asset);
  const jobs = useQuery({
    queryKey: ["jobs", { asset_id: asset.id }],
    queryFn: async () => unwrap(await api.GET("/v1/jobs", { params: { query: { limit: 200 } } })),
    select: (page) => page.items.filter((job) => job.asset_id === asset.id && (job.state === "pending" || job.state === "running")),
    enabled: processing && can("jobs:read"),
    refetchInterval: processing ? 2000 : false,
  });
  if (!processing || !jobs.data || jobs.data.length === 0) return null;
  return (
    <Card className="mb-6" aria-live="polite">
      <CardTitle>Working on it</CardTitle>
      <ul className="mt-3 flex flex-col gap-3">
        {jobs.data.map((job) => (
          <li key={job.id} className="text-sm">
            <div className="mb-1 flex justify-between">
              <span className="font-medium text-slate-800">
                {job.type} <StateBadge state={job.state} className="ml-1" />
              </span>
              <span className="tabular-nums text-slate-700">{job.progress} %</span>
            </div>
            <ProgressBar value={job.progress} label={`Progress of ${job.type}`} />
          </li>
        ))}
      </ul>
    </Card>
  );
}

function ClipList({ clips }: { clips: Schemas["ClipOut"][] }) {
  if (clips.length === 0) return <Empty title="No clips were found in this video." />;
  return (
    <ol className="divide-y divide-slate-100 text-sm" aria-label="Clips found">
      {[...clips]
        .sort((a, b) => a.start_seconds - b.start_seconds)
        .map((clip) => (
          <li key={clip.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <Link href={`/clips/detail?id=${clip.id}`} className="font-medium text-brand-700 underline">
              Clip {clip.rank}: {formatSeconds(clip.start_seconds)}–{formatSeconds(clip.end_seconds)}
            </Link>
            <span className="text-slate-700">
              {clip.duration_seconds.toFixed(1)} s · score {clip.score.toFixed(2)} · <StateBadge state={clip.status} />
            </span>
          </li>
        ))}
    </ol>
  );
}

function Analysis({ asset, currentTime, seek }: { asset: Asset; currentTime: number; seek: (t: number) => void }) {
  const ready = asset.state === "ready";
  const analysing = asset.state === "analyzing";
  const pending = asset.transcript_status === "pending";
  // Keyed on the transcript's state: when the words arrive, the timeline and the refined clip
  // edges are fetched again.
  const timeline = useQuery({
    queryKey: ["timeline", asset.id, asset.transcript_status],
    queryFn: async () => unwrap(await api.GET("/v1/assets/{asset_id}/timeline", { params: { path: { asset_id: asset.id } } })),
    enabled: ready,
  });
  const clips = useQuery({
    queryKey: ["clips", { asset_id: asset.id, transcript: asset.transcript_status }],
    queryFn: async () => unwrap(await api.GET("/v1/clips", { params: { query: { asset_id: asset.id, sort: "start", limit: 200 } } })),
    // While analysing too: the first clip is found in the opening and rendered meanwhile.
    enabled: ready || analysing,
  });
  if (!ready) {
    return (
      <>
        {analysing ? <FirstClip clips={clips.data?.items ?? []} transcriptPending={false} analysing /> : null}
        <p className="text-sm text-slate-700">
          {asset.state === "rejected" || asset.state === "failed"
            ? "This video was not analysed, so it has no timeline."
            : "The timeline appears here once the analysis has finished."}
        </p>
      </>
    );
  }
  if (timeline.isError && timeline.error instanceof ApiProblem && timeline.error.code === "timeline_not_ready") {
    return <p className="text-sm text-slate-700">The timeline appears here once the analysis has finished.</p>;
  }
  return (
    <QueryState query={timeline}>
      {(found) => {
        const data = found.data as unknown as TimelineData;
        const clipItems = clips.data?.items ?? [];
        return (
          <>
            <FirstClip clips={clipItems} transcriptPending={pending} />
            <Timeline data={data} clips={clipItems} currentTime={currentTime} onSeek={seek} />
            <WordList data={data} onSeek={seek} />
            <h3 className="mb-1 mt-6 text-base font-semibold text-slate-900">Clips found</h3>
            {clips.isPending ? <Loading label="Loading clips…" /> : clips.isError ? <ErrorState error={clips.error} retry={() => void clips.refetch()} /> : <ClipList clips={clipItems} />}
          </>
        );
      }}
    </QueryState>
  );
}

export function VideoDetail({ id }: { id: string }) {
  const asset = useAsset(id);
  const video = useRef<HTMLVideoElement>(null);
  const [currentTime, setCurrentTime] = useState(0);
  // Every answer signs a fresh link; keep playing the first one (a new src would reload the
  // player) until it stops working.
  const [src, setSrc] = useState<string | null>(null);
  if (src === null && asset.data?.source_url) setSrc(asset.data.source_url);

  // Follow the player smoothly while it plays; timeupdate alone fires only a few times a second.
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    let frame = 0;
    const tick = () => {
      setCurrentTime(element.currentTime);
      if (!element.paused) frame = requestAnimationFrame(tick);
    };
    const start = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(tick);
    };
    element.addEventListener("play", start);
    element.addEventListener("seeked", tick);
    element.addEventListener("timeupdate", tick);
    return () => {
      cancelAnimationFrame(frame);
      element.removeEventListener("play", start);
      element.removeEventListener("seeked", tick);
      element.removeEventListener("timeupdate", tick);
    };
  }, [src]);

  const seek = useCallback((seconds: number) => {
    const element = video.current;
    const t = Math.max(0, seconds);
    if (element) element.currentTime = t;
    setCurrentTime(t);
  }, []);

  if (asset.isPending) return <Loading label="Loading the video…" />;
  if (asset.isError) {
    return (
      <>
        <PageHeader title="Video" />
        <ErrorState error={asset.error} retry={() => void asset.refetch()} />
        <p className="mt-4 text-sm">
          <Link href="/videos" className="text-brand-700 underline">
            Back to all videos
          </Link>
        </p>
      </>
    );
  }
  const data = asset.data;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/videos" className="text-brand-700 underline">
          Videos
        </Link>{" "}
        <span aria-hidden className="text-slate-500">/</span> <span className="text-slate-700">{data.display_name}</span>
      </nav>
      <PageHeader title={data.display_name} description={STATE_WORDS[data.state]} />
      <ActiveJobs asset={data} />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(18rem,1fr)]">
        <div className="min-w-0">
          <Card>
            <CardTitle>Player</CardTitle>
            {src && data.state !== "rejected" ? (
              <video
                ref={video}
                src={src}
                onError={() => {
                  if (data.source_url && data.source_url !== src) setSrc(data.source_url);
                }}
                controls
                preload="metadata"
                className="mt-3 max-h-[50vh] w-full rounded-md bg-black"
                aria-label={`Video ${data.display_name}`}
              />
            ) : (
              <p className="mt-2 text-sm text-slate-700">This video cannot be played.</p>
            )}
          </Card>
          <Card className="mt-6">
            <CardTitle>Analysis timeline</CardTitle>
            <div className="mt-3">
              <Analysis asset={data} currentTime={currentTime} seek={seek} />
            </div>
          </Card>
        </div>
        <Facts asset={data} />
      </div>
    </>
  );
}
