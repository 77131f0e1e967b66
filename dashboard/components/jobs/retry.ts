// Starting a failed or cancelled job's work again: renders are asked for on their clip (the
// API refuses media.render_variant on POST /v1/jobs), everything else is the same job anew.
import type { Schemas } from "@stakazo/api-client";
import { api } from "@/lib/api";
import { ApiProblem, unwrap } from "@/lib/errors";

type Job = Schemas["JobOut"];

export const RETRYABLE_STATES = new Set(["failed", "cancelled"]);
const RESTARTABLE_TYPES = new Set(["media.process", "media.analyze", "ledger.audit", "media.render_variant"]);

export function canRetry(job: Pick<Job, "state" | "type">): boolean {
  return RETRYABLE_STATES.has(job.state) && RESTARTABLE_TYPES.has(job.type);
}

export function canCancel(job: Pick<Job, "state">): boolean {
  return job.state === "pending" || job.state === "running";
}

export async function retryJob(job: Job): Promise<void> {
  if (job.type === "media.render_variant") {
    if (!job.clip_id) throw new ApiProblem(422, "no_clip", "This render no longer has a clip to render.");
    const clip = unwrap(await api.GET("/v1/clips/{clip_id}", { params: { path: { clip_id: job.clip_id } } }));
    const variant = clip.variants.find((v) => v.id === job.params.variant_id);
    if (!variant) throw new ApiProblem(404, "variant_not_found", "The variant this job rendered no longer exists.");
    unwrap(
      await api.POST("/v1/clips/{clip_id}/variants", {
        params: { path: { clip_id: job.clip_id } },
        body: { platform: variant.platform as "instagram" | "tiktok" | "youtube", captions: variant.captions, force: true },
      }),
    );
    return;
  }
  unwrap(
    await api.POST("/v1/jobs", {
      body: {
        type: job.type as "media.process" | "media.analyze" | "ledger.audit",
        asset_id: job.asset_id,
        params: job.params,
      },
    }),
  );
}
