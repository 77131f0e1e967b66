import type { Schemas } from "@stakazo/api-client";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { JobRow, jobDuration } from "./job-row";
import { canCancel, canRetry } from "./retry";

const base: Schemas["JobOut"] = {
  id: "5b0c8a0e-1111-4c6b-9f7e-0c1d2e3f4a5b",
  workspace_id: "0a0b0c0d-2222-4c6b-9f7e-0c1d2e3f4a5b",
  type: "media.analyze",
  state: "running",
  progress: 40,
  attempts: 1,
  params: {},
  result: null,
  error: null,
  asset_id: "9a9b9c9d-3333-4c6b-9f7e-0c1d2e3f4a5b",
  clip_id: null,
  created_by_id: null,
  created_at: "2026-12-05T10:00:00Z",
  updated_at: "2026-12-05T10:00:30Z",
  started_at: "2026-12-05T10:00:05Z",
  finished_at: null,
};

function row(job: Schemas["JobOut"], canWrite = true) {
  const onCancel = vi.fn();
  const onRetry = vi.fn();
  render(
    <table>
      <tbody>
        <JobRow job={job} canWrite={canWrite} onCancel={onCancel} onRetry={onRetry} />
      </tbody>
    </table>,
  );
  const rows = screen.getAllByRole("row");
  return { onCancel, onRetry, row: rows[rows.length - 1]! };
}

describe("a job row", () => {
  test("running: a progress bar at its progress, a link to its video, cancel", async () => {
    const { onCancel, row: tr } = row(base);
    const bar = within(tr).getByRole("progressbar", { name: "Analyse video progress" });
    expect(bar).toHaveAttribute("aria-valuenow", "40");
    expect(within(tr).getByText("40%")).toBeInTheDocument();
    expect(within(tr).getByRole("link", { name: "Video" })).toHaveAttribute("href", `/videos/detail?id=${base.asset_id}`);
    expect(within(tr).queryByRole("button", { name: /Retry/ })).toBeNull();
    await userEvent.click(within(tr).getByRole("button", { name: "Cancel Analyse video" }));
    expect(onCancel).toHaveBeenCalledWith(base);
  });

  test("pending: waiting for a worker, not started yet", () => {
    const { row: tr } = row({ ...base, state: "pending", progress: 0, started_at: null });
    expect(within(tr).getByText("Waiting for a worker")).toBeInTheDocument();
    expect(within(tr).getByText("Not started")).toBeInTheDocument();
  });

  test("failed: the error in words and a retry; a render links to its clip", async () => {
    const failed = {
      ...base,
      type: "media.render_variant",
      state: "failed" as const,
      clip_id: "7e7e7e7e-4444-4c6b-9f7e-0c1d2e3f4a5b",
      error: "The clip is shorter than TikTok's 3 seconds.",
      finished_at: "2026-12-05T10:01:35Z",
    };
    const { onRetry, row: tr } = row(failed);
    expect(within(tr).getByText("The clip is shorter than TikTok's 3 seconds.")).toBeInTheDocument();
    expect(within(tr).queryByRole("progressbar")).toBeNull();
    expect(within(tr).getByText("1:30")).toBeInTheDocument();
    expect(within(tr).getByRole("link", { name: "Clip" })).toHaveAttribute("href", `/clips/detail?id=${failed.clip_id}`);
    await userEvent.click(within(tr).getByRole("button", { name: "Retry Render variant" }));
    expect(onRetry).toHaveBeenCalledWith(failed);
  });

  test("succeeded: neither cancel nor retry; a viewer never sees them", () => {
    const { row: tr } = row({ ...base, state: "succeeded", progress: 100, finished_at: "2026-12-05T10:00:10Z" });
    expect(within(tr).queryByRole("button")).toBeNull();
    expect(within(tr).getByText("succeeded")).toBeInTheDocument();
    const viewer = row({ ...base, state: "failed" }, false);
    expect(within(viewer.row).queryByRole("button")).toBeNull();
  });

  test("which states may be cancelled or retried, and durations", () => {
    expect(["pending", "running", "succeeded", "failed", "cancelled"].filter((state) => canCancel({ state } as Schemas["JobOut"]))).toEqual([
      "pending",
      "running",
    ]);
    expect(canRetry({ state: "cancelled", type: "ledger.audit" })).toBe(true);
    expect(canRetry({ state: "succeeded", type: "media.process" })).toBe(false);
    expect(jobDuration({ started_at: null, finished_at: null })).toBe("—");
    expect(jobDuration({ started_at: "2026-12-05T10:00:00Z", finished_at: null }, Date.parse("2026-12-05T10:02:05Z"))).toBe("2:05");
  });
});
