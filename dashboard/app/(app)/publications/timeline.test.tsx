import type { Schemas } from "@stakazo/api-client";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { PublicationTimeline, timelineSteps } from "./timeline";

const ID = "7a0c2f0e-6a55-4f7b-9a43-0d9a0b1e2c3d";

function publication(extra: Partial<Schemas["PublicationOut"]> = {}): Schemas["PublicationOut"] {
  return {
    id: ID, clip_id: "c1b2a3d4-0000-4000-8000-000000000001", variant_id: null,
    account_id: "a1b2c3d4-0000-4000-8000-000000000002", platform: "tiktok", sandbox: true,
    state: "published", caption: "Our best moment", title: "", privacy: "public", mode: "direct",
    publish_at: null, options: {}, next_attempt_at: null, attempts: 0, progress: 100,
    remote_post_id: "v123", remote_url: "https://www.tiktok.com/@x/video/v123", remote_detail: null,
    error: null, error_reason: null, approved_at: "2026-12-05T10:00:01Z", approvals: 1, approvals_required: 1, approvers: [], published_at: "2026-12-05T10:00:09Z",
    created_at: "2026-12-05T10:00:00Z", updated_at: "2026-12-05T10:00:09Z", ...extra,
  };
}

let seq = 0;
function event(type: string, at: string, payload: Record<string, unknown>): Schemas["LedgerEventOut"] {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`, chain: "ws", chain_seq: seq, occurred_at: at, type,
    workspace_id: null, actor_id: null, user_id: null, asset_id: null, job_id: null, clip_id: null,
    publication_id: ID, campaign_id: null, payload, prev_hash: "0".repeat(64), hash: "f".repeat(64),
  };
}

// As GET /v1/ledger?publication_id= answers: newest first.
const trail = [
  event("publication.created", "2026-12-05T10:00:00Z", { state: "draft" }),
  event("publication.awaiting_approval", "2026-12-05T10:00:00.5Z", { state: "awaiting_approval" }),
  event("publication.rescheduled", "2026-12-05T10:00:00.7Z", { state: "awaiting_approval", publish_at: "2026-12-06T18:00:00Z" }),
  event("publication.approved", "2026-12-05T10:00:01Z", { state: "scheduled", publish_at: "2026-12-06T18:00:00Z" }),
  event("publication.deferred", "2026-12-06T18:00:02Z", { state: "scheduled", until: "2026-12-07T08:00:00Z", reason: "quota" }),
  event("publication.uploading", "2026-12-07T08:00:03Z", { state: "uploading" }),
  event("publication.failed", "2026-12-07T08:00:05Z", { state: "failed", message: "TikTok did not answer in time.", reason: "timeout" }),
  event("publication.retry_requested", "2026-12-07T08:01:00Z", { state: "queued" }),
  event("publication.published", "2026-12-07T08:01:09Z", { state: "published" }),
].reverse();

describe("a publication's state timeline", () => {
  test("reads the ledger trail oldest first, in words, with each step's state and details", () => {
    render(<PublicationTimeline publication={publication()} events={trail} />);
    const steps = within(screen.getByRole("list", { name: "State timeline" })).getAllByRole("listitem");
    expect(steps.map((step) => step.querySelector("span.font-medium")?.textContent)).toEqual([
      "Created", "Sent for approval", "Time changed", "Approved", "Deferred until the allowance frees up",
      "Uploading to the platform", "Failed", "Retry requested", "Published",
    ]);
    expect(steps[6]).toHaveTextContent("TikTok did not answer in time.");
    expect(steps[6]).toHaveTextContent("failed");
    expect(steps[2]).toHaveTextContent(/Goes out Dec 6, 2026/);
    expect(steps[8]!.querySelector("time")).toHaveAttribute("dateTime", "2026-12-07T08:01:09Z");
  });

  test("without a trail, the publication's own timestamps stand in", () => {
    const steps = timelineSteps(publication(), undefined);
    expect(steps.map((s) => [s.title, s.at])).toEqual([
      ["Created", "2026-12-05T10:00:00Z"],
      ["Approved", "2026-12-05T10:00:01Z"],
      ["Published", "2026-12-05T10:00:09Z"],
    ]);
    expect(timelineSteps(publication({ approved_at: null, published_at: null }), []).map((s) => s.title)).toEqual(["Created"]);
  });
});
