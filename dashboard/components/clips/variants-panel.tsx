"use client";

// A clip's variant per platform: its state, size and checks, a render button, and the render
// job's progress as the event stream reports it (polled too while something is unfinished).
import type { Schemas } from "@stakazo/api-client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { StateBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress";
import { ErrorState, Loading } from "@/components/ui/states";
import { api } from "@/lib/api";
import { describe, unwrap } from "@/lib/errors";
import { formatBytes } from "@/lib/utils";
import { platformName } from "./contributions";

type Variant = Schemas["VariantOut"];
type Job = Schemas["JobOut"];
const PLATFORMS = ["tiktok", "instagram", "youtube"] as const;
const UNFINISHED = new Set(["pending", "rendering"]);

export function checksInWords(checks: Record<string, unknown>): string {
  const violations = Array.isArray(checks.violations) ? checks.violations.map(String) : [];
  if (violations.length > 0) return violations.join("; ");
  if (checks.passed === true) return "Meets the platform's rules";
  return "Not checked yet";
}

export function VariantsPanel({ clip, canRender }: { clip: Schemas["ClipDetail"]; canRender: boolean }) {
  const queryClient = useQueryClient();
  const variants = useQuery({
    queryKey: ["variants", clip.id],
    queryFn: async () =>
      unwrap(await api.GET("/v1/clips/{clip_id}/variants", { params: { path: { clip_id: clip.id }, query: { limit: 50 } } })),
    refetchInterval: (query) => (query.state.data?.items.some((v) => UNFINISHED.has(v.state)) ? 1500 : false),
  });
  // A variant that became ready gives the player something better to play.
  const readyNow = variants.data?.items.filter((v) => v.state === "ready").length ?? 0;
  const readyShown = clip.variants.filter((v) => v.state === "ready").length;
  useEffect(() => {
    if (readyNow > readyShown) void queryClient.invalidateQueries({ queryKey: ["clip", clip.id] });
  }, [readyNow, readyShown, queryClient, clip.id]);
  const unfinished = variants.data?.items.some((v) => UNFINISHED.has(v.state)) ?? false;
  const jobs = useQuery({
    queryKey: ["jobs", { type: "media.render_variant", clip_id: clip.id }],
    queryFn: async () =>
      unwrap(await api.GET("/v1/jobs", { params: { query: { type: "media.render_variant", limit: 50 } } })),
    enabled: unfinished,
    refetchInterval: unfinished ? 1000 : false,
  });
  const jobOf = (variant: Variant): Job | undefined =>
    jobs.data?.items.find((job) => job.clip_id === clip.id && job.params.variant_id === variant.id);

  const render = useMutation({
    mutationFn: async ({ platform, force }: { platform: (typeof PLATFORMS)[number]; force: boolean }) =>
      unwrap(await api.POST("/v1/clips/{clip_id}/variants", { params: { path: { clip_id: clip.id } }, body: { platform, force, captions: false } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["variants", clip.id] });
      await queryClient.invalidateQueries({ queryKey: ["jobs"] });
    },
    onSettled: async (variant) => {
      if (variant?.state === "ready") await queryClient.invalidateQueries({ queryKey: ["clip", clip.id] });
    },
  });

  const renderAll = useMutation({
    mutationFn: async () =>
      Promise.all(
        PLATFORMS.map(async (platform) =>
          unwrap(
            await api.POST("/v1/clips/{clip_id}/variants", {
              params: { path: { clip_id: clip.id } },
              body: { platform, force: false, captions: false },
            }),
          ),
        ),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["variants", clip.id] });
      await queryClient.invalidateQueries({ queryKey: ["jobs"] });
    },
  });
  const failure = render.error ?? renderAll.error;

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle>Variants</CardTitle>
        {canRender ? (
          <Button
            size="sm"
            disabled={render.isPending}
            onClick={() => renderAll.mutate()}
          >
            Render all platforms
          </Button>
        ) : null}
      </div>
      <p className="mt-1 text-sm text-slate-600">9:16, each platform&apos;s codec, bitrate and length rules, with a cover and a preview.</p>
      {failure ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {describe(failure)}
        </p>
      ) : null}
      {variants.isPending ? (
        <Loading label="Loading variants…" />
      ) : variants.isError ? (
        <ErrorState error={variants.error} retry={() => void variants.refetch()} />
      ) : (
        <table className="mt-3 w-full text-sm">
          <caption className="sr-only">Variants of this clip per platform</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              <th scope="col" className="py-2 font-medium">Platform</th>
              <th scope="col" className="py-2 font-medium">State</th>
              <th scope="col" className="py-2 font-medium">File</th>
              <th scope="col" className="py-2 font-medium">Checks</th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {PLATFORMS.map((platform) => {
              const variant = variants.data.items.find((v) => v.platform === platform && !v.captions) ??
                variants.data.items.find((v) => v.platform === platform);
              const job = variant ? jobOf(variant) : undefined;
              const busy = variant ? UNFINISHED.has(variant.state) : false;
              return (
                <tr key={platform} className="border-b border-slate-100 align-top">
                  <th scope="row" className="py-2 text-left font-medium text-slate-900">
                    {platformName(platform)}
                  </th>
                  <td className="py-2">
                    {variant ? (
                      <div className="flex min-w-32 flex-col gap-1">
                        <StateBadge state={variant.state} className="self-start" />
                        {busy ? (
                          <>
                            <ProgressBar value={job?.progress ?? 0} label={`Rendering for ${platformName(platform)}`} />
                            <span className="text-xs text-slate-600">{job ? `${job.progress}%` : "Waiting for a worker"}</span>
                          </>
                        ) : null}
                        {variant.error ? <span className="text-xs text-red-700">{variant.error}</span> : null}
                      </div>
                    ) : (
                      <span className="text-slate-600">Not rendered</span>
                    )}
                  </td>
                  <td className="py-2 pr-2 text-slate-800">
                    {variant?.state === "ready" ? (
                      <>
                        {variant.width}×{variant.height} · {variant.duration_seconds?.toFixed(1)} s · {formatBytes(variant.size_bytes)}
                        {variant.video_url ? (
                          <>
                            {" "}
                            ·{" "}
                            <a className="whitespace-nowrap text-brand-700 underline" href={variant.video_url} target="_blank" rel="noreferrer">
                              Open video<span className="sr-only"> for {platformName(platform)}</span>
                            </a>
                          </>
                        ) : null}
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="py-2 text-slate-800">{variant ? checksInWords(variant.checks) : "—"}</td>
                  <td className="py-2 text-right">
                    {canRender ? (
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={busy || render.isPending || renderAll.isPending}
                        onClick={() => render.mutate({ platform, force: variant?.state === "ready" })}
                        aria-label={`${variant?.state === "ready" ? "Render again" : variant?.state === "failed" ? "Try again" : "Render"} for ${platformName(platform)}`}
                      >
                        {variant?.state === "ready" ? "Render again" : variant?.state === "failed" ? "Try again" : "Render"}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Card>
  );
}
