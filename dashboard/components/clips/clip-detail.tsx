"use client";

import type { Schemas } from "@stakazo/api-client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import { StateBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ErrorState, Loading } from "@/components/ui/states";
import { api } from "@/lib/api";
import { unwrap } from "@/lib/errors";
import { useSession } from "@/lib/session";
import { formatSeconds } from "@/lib/utils";
import { CaptionEditor } from "./caption-editor";
import { formatScore } from "./clip-card";
import { previewSource } from "./clip-preview";
import { breakdownPlatforms, contributionRows, platformName } from "./contributions";
import { VariantsPanel } from "./variants-panel";

// Loaded when opened: zod and the form stay out of the page's first load.
const PublishDialog = dynamic(() => import("./publish-dialog").then((m) => m.PublishDialog), { ssr: false });

// The learnt scorer's view of the clip: fetched and drawn only once the page is up.
const LearntScore = dynamic(() => import("./learnt-score"), { ssr: false });
const ContributionChart = dynamic(() => import("./contribution-chart"), {
  ssr: false,
  loading: () => <Loading label="Drawing the chart…" />,
});

type ClipDetail = Schemas["ClipDetail"];

export function useClip(clipId: string) {
  return useQuery({
    queryKey: ["clip", clipId],
    queryFn: async () => unwrap(await api.GET("/v1/clips/{clip_id}", { params: { path: { clip_id: clipId } } })),
  });
}

export function ClipDetailView({ clipId }: { clipId: string }) {
  const clip = useClip(clipId);
  if (clip.isPending)
    return (
      <>
        <PageHeader title="Clip" />
        <Loading label="Loading the clip…" />
      </>
    );
  if (clip.isError)
    return (
      <>
        <PageHeader title="Clip" />
        <ErrorState error={clip.error} retry={() => void clip.refetch()} />
      </>
    );
  return <Loaded clip={clip.data} />;
}

function Loaded({ clip }: { clip: ClipDetail }) {
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<number | null>(null);
  const review = useMutation({
    mutationFn: async (status: "approved" | "rejected" | "candidate") =>
      unwrap(await api.PATCH("/v1/clips/{clip_id}", { params: { path: { clip_id: clip.id } }, body: { status } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["clip", clip.id] });
      await queryClient.invalidateQueries({ queryKey: ["clips"] });
    },
  });
  const ready = clip.variants.find((v) => v.state === "ready" && v.video_url);
  const source = previewSource({ ...clip, preview_url: null, video_url: ready?.video_url });
  const title = `Clip #${clip.rank} of ${clip.asset_name || "a video"}`;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/clips" className="underline">
          Clips
        </Link>{" "}
        / #{clip.rank}
      </nav>
      <PageHeader
        title={title}
        description={`${formatSeconds(clip.start_seconds)}–${formatSeconds(clip.end_seconds)} · ${clip.duration_seconds.toFixed(1)} s · score ${formatScore(clip.score)}`}
        actions={
          <>
            {can("clips:write") ? (
              <>
                <Button variant="secondary" disabled={review.isPending || clip.status === "approved"} onClick={() => review.mutate("approved")}>
                  Approve
                </Button>
                <Button variant="secondary" disabled={review.isPending || clip.status === "rejected"} onClick={() => review.mutate("rejected")}>
                  Reject
                </Button>
              </>
            ) : null}
            <Button variant="secondary" asChild>
              <Link href={`/clips/edit?id=${clip.id}`}>Edit</Link>
            </Button>
            {can("campaigns:publish") ? <Button onClick={() => setPublishing(true)}>Approve and publish</Button> : null}
          </>
        }
      />
      {review.isError ? <ErrorState error={review.error} /> : null}
      {published !== null ? (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          {published} publication{published === 1 ? "" : "s"} approved. Follow them on the{" "}
          <Link className="font-medium underline" href="/publications">
            Publications
          </Link>{" "}
          page.
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <div className="flex flex-col gap-4">
          <div className="overflow-hidden rounded-lg bg-slate-900">
            {source ? (
              <video
                src={source.src}
                poster={ready?.cover_url ?? undefined}
                controls
                playsInline
                preload="metadata"
                aria-label={`Player: ${title}`}
                className="aspect-[9/16] w-full object-contain"
              />
            ) : (
              <p className="p-6 text-sm text-slate-100">Nothing to play yet.</p>
            )}
          </div>
          <Card>
            <div className="flex items-center justify-between">
              <CardTitle>Status</CardTitle>
              <StateBadge state={clip.status} />
            </div>
            <dl className="mt-3 grid grid-cols-2 gap-y-1 text-sm">
              {Object.entries(clip.scores).map(([platform, score]) => (
                <div key={platform} className="contents">
                  <dt className="text-slate-600">{platformName(platform)}</dt>
                  <dd className="text-right font-medium text-slate-900">{formatScore(score)}</dd>
                </div>
              ))}
            </dl>
          </Card>
        </div>
        <div className="flex flex-col gap-6">
          <ScoreBreakdown clip={clip} />
          <CaptionEditor clip={clip} editable={can("clips:write")} />
          <Card>
            <CardTitle>Transcript</CardTitle>
            <p className="mt-2 whitespace-pre-wrap text-sm text-slate-800">{clip.transcript || "No speech was transcribed in this clip."}</p>
          </Card>
          <VariantsPanel clip={clip} canRender={can("clips:write")} />
        </div>
      </div>
      {publishing ? <PublishDialog clip={clip} open={publishing} onOpenChange={setPublishing} onPublished={(items) => setPublished(items.length)} /> : null}
    </>
  );
}

function ScoreBreakdown({ clip }: { clip: ClipDetail }) {
  const platforms = breakdownPlatforms(clip.breakdown);
  const [chosen, setChosen] = useState<string | null>(null);
  const platform = chosen && platforms.includes(chosen) ? chosen : (platforms[0] ?? null);
  if (!platform)
    return (
      <Card>
        <CardTitle>Why this score</CardTitle>
        <p className="mt-2 text-sm text-slate-700">The weights that scored this clip (version {clip.weights_version}) are no longer known.</p>
      </Card>
    );
  const rows = contributionRows(clip.breakdown, platform);
  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle>Why this score</CardTitle>
        <div role="group" aria-label="Platform" className="flex gap-1">
          {platforms.map((p) => (
            <Button key={p} size="sm" variant={p === platform ? "primary" : "secondary"} aria-pressed={p === platform} onClick={() => setChosen(p)}>
              {platformName(p)}
            </Button>
          ))}
        </div>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        Each feature&apos;s contribution (value × weight) to the {platformName(platform)} score of {formatScore(clip.scores[platform])}; weights
        version {clip.weights_version}.
      </p>
      <ContributionChart rows={rows} label={`Contribution of each feature to the ${platformName(platform)} score`} />
      <table className="mt-2 w-full text-sm">
        <caption className="sr-only">Feature contributions to the {platformName(platform)} score</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th scope="col" className="py-1 font-medium">Feature</th>
            <th scope="col" className="py-1 text-right font-medium">Value</th>
            <th scope="col" className="py-1 text-right font-medium">Weight</th>
            <th scope="col" className="py-1 text-right font-medium">Contribution</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.feature} className="border-b border-slate-100">
              <th scope="row" className="py-1 text-left font-normal text-slate-800">{row.label}</th>
              <td className="py-1 text-right tabular-nums">{row.value.toFixed(2)}</td>
              <td className="py-1 text-right tabular-nums">{row.weight.toFixed(2)}</td>
              <td className="py-1 text-right font-medium tabular-nums">{row.contribution.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <LearntScore clipId={clip.id} platform={platform} />
    </Card>
  );
}

