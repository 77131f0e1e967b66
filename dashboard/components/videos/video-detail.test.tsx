import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, test, vi } from "vitest";
import { VideoDetail } from "./video-detail";

vi.mock("@/lib/session", () => ({ useSession: () => ({ can: () => true }) }));
vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn() }) }));

const ID = "0b7c1f1e-5a55-4f7e-9b1d-2d6f0f0c0a01";

// The API client keeps the fetch it was created with, so the stub is in place before it loads.
const api = vi.hoisted(() => {
  const state = { answers: {} as Record<string, [number, unknown]> };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const [status, body] = state.answers[url.pathname] ?? [404, { error: "not_found", detail: "Not here." }];
    return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  };
  return state;
});

function asset(overrides: Record<string, unknown>) {
  return {
    id: ID,
    workspace_id: "ws-1",
    uploaded_by_id: null,
    display_name: "keynote.mp4",
    size_bytes: 52_428_800,
    sha256: "ab".repeat(32),
    state: "ready",
    rejection_reason: null,
    media_info: {
      format_name: "mov,mp4,m4a,3gp,3g2,mj2",
      bit_rate: 668_000,
      frame_rate: 29.97,
      video: { codec: "h264", width: 1920, height: 1080, rotation: 0 },
      streams: [{ kind: "video", codec: "h264" }, { kind: "audio", codec: "aac", sample_rate: 48000, channels: 2 }],
    },
    duration_seconds: 40,
    transcript_status: "available",
    transcript_reason: null,
    source_url: "/media/signed-token",
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
    ...overrides,
  };
}

function show() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <VideoDetail id={ID} />
    </QueryClientProvider>,
  );
}

describe("VideoDetail", () => {
  test("a ready video: facts, the player on its signed link, the timeline and its clips", async () => {
    api.answers = {
      [`/v1/assets/${ID}`]: [200, asset({})],
      [`/v1/assets/${ID}/timeline`]: [
        200,
        {
          asset_id: ID,
          created_at: new Date().toISOString(),
          data: { duration: 40, shots: [10], silences: [[20, 22]], loudness: [[0, -20], [40, -30]], faces: [[0, 1]], words: [{ text: "Hello", start: 1, end: 2 }] },
        },
      ],
      "/v1/clips": [
        200,
        {
          items: [
            { id: "c-2", asset_id: ID, start_seconds: 25, end_seconds: 38, duration_seconds: 13, rank: 2, score: 0.5, scores: {}, status: "candidate", transcript: null, created_at: "2026-01-01T00:00:00Z" },
            { id: "c-1", asset_id: ID, start_seconds: 2, end_seconds: 17, duration_seconds: 15, rank: 1, score: 0.8, scores: {}, status: "approved", transcript: null, created_at: "2026-01-01T00:00:00Z" },
          ],
          total: 2,
          next_cursor: null,
        },
      ],
    };
    show();
    expect(await screen.findByRole("heading", { name: "keynote.mp4" })).toBeInTheDocument();
    expect(screen.getByLabelText("Video keynote.mp4")).toHaveAttribute("src", "/media/signed-token");
    const facts = screen.getByText("About this video").parentElement!;
    expect(facts).toHaveTextContent("Containermov");
    expect(facts).toHaveTextContent("Videoh264, 1920×1080, 29.97 fps");
    expect(facts).toHaveTextContent("Audioaac, 48000 Hz, stereo");
    expect(facts).toHaveTextContent("TranscriptTranscribed.");

    const timeline = await screen.findByRole("img", { name: /^Analysis timeline of 0.7 minutes: 1 shot cuts/ });
    expect(timeline.querySelectorAll("[data-track=clips] rect")).toHaveLength(2);
    const clips = within(screen.getByRole("list", { name: "Clips found" })).getAllByRole("link");
    expect(clips.map((link) => [link.textContent, link.getAttribute("href")])).toEqual([
      ["Clip 1: 0:02–0:17", "/clips/detail?id=c-1"],
      ["Clip 2: 0:25–0:38", "/clips/detail?id=c-2"],
    ]);
  });

  test("while processing: its jobs with their progress, and the timeline promised for later", async () => {
    api.answers = {
      [`/v1/assets/${ID}`]: [200, asset({ state: "analyzing", media_info: null, transcript_status: "pending" })],
      "/v1/jobs": [
        200,
        {
          items: [
            { id: "j-1", workspace_id: "ws-1", type: "media.process", state: "running", progress: 42, asset_id: ID, clip_id: null, params: {}, result: null, error: null, attempts: 1, created_by_id: null, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z", started_at: null, finished_at: null },
            { id: "j-2", workspace_id: "ws-1", type: "media.process", state: "running", progress: 10, asset_id: "another", clip_id: null, params: {}, result: null, error: null, attempts: 1, created_by_id: null, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z", started_at: null, finished_at: null },
          ],
          total: 2,
          next_cursor: null,
        },
      ],
    };
    show();
    expect(await screen.findByText("Working on it")).toBeInTheDocument();
    const bars = screen.getAllByRole("progressbar", { name: "Progress of media.process" });
    expect(bars).toHaveLength(1);
    expect(bars[0]).toHaveAttribute("aria-valuenow", "42");
    expect(screen.getByText("The timeline appears here once the analysis has finished.")).toBeInTheDocument();
    expect(screen.getByText("Not transcribed yet: speech is recognised after the clips are rendered.")).toBeInTheDocument();
  });

  test("ready before its transcript: the best clip plays as soon as it is rendered", async () => {
    api.answers = {
      [`/v1/assets/${ID}`]: [200, asset({ transcript_status: "pending" })],
      [`/v1/assets/${ID}/timeline`]: [
        200,
        { asset_id: ID, created_at: new Date().toISOString(), data: { duration: 40, shots: [10], silences: [], loudness: [], faces: [], words: null } },
      ],
      "/v1/jobs": [
        200,
        {
          items: [
            { id: "j-3", workspace_id: "ws-1", type: "media.transcribe", state: "pending", progress: 0, asset_id: ID, clip_id: null, params: {}, result: null, error: null, attempts: 0, created_by_id: null, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z", started_at: null, finished_at: null },
          ],
          total: 1,
          next_cursor: null,
        },
      ],
      "/v1/clips": [
        200,
        {
          items: [
            { id: "c-2", asset_id: ID, start_seconds: 25, end_seconds: 38, duration_seconds: 13, rank: 2, score: 0.5, scores: {}, status: "candidate", transcript: null, created_at: "2026-01-01T00:00:00Z" },
            { id: "c-1", asset_id: ID, start_seconds: 2, end_seconds: 17, duration_seconds: 15, rank: 1, score: 0.8, scores: {}, status: "candidate", transcript: null, preview_url: "/media/preview-1", cover_url: "/media/cover-1", created_at: "2026-01-01T00:00:00Z" },
          ],
          total: 2,
          next_cursor: null,
        },
      ],
    };
    show();
    const preview = await screen.findByLabelText("Preview of clip 1");
    expect(preview).toHaveAttribute("src", "/media/preview-1");
    const best = screen.getByRole("region", { name: "Best clip" });
    expect(best).toHaveTextContent("1 of 2 clips rendered.");
    expect(best).toHaveTextContent("Speech is still being recognised");
    expect(screen.getByText("Not transcribed yet: speech is recognised after the clips are rendered.")).toBeInTheDocument();
    expect(await screen.findByRole("progressbar", { name: "Progress of media.transcribe" })).toBeInTheDocument();
  });

  test("the best clip still rendering: said in words, no player yet", async () => {
    api.answers = {
      [`/v1/assets/${ID}`]: [200, asset({ transcript_status: "pending" })],
      [`/v1/assets/${ID}/timeline`]: [
        200,
        { asset_id: ID, created_at: new Date().toISOString(), data: { duration: 40, shots: [], silences: [], loudness: [], faces: [], words: null } },
      ],
      "/v1/clips": [
        200,
        {
          items: [{ id: "c-1", asset_id: ID, start_seconds: 2, end_seconds: 17, duration_seconds: 15, rank: 1, score: 0.8, scores: {}, status: "candidate", transcript: null, created_at: "2026-01-01T00:00:00Z" }],
          total: 1,
          next_cursor: null,
        },
      ],
    };
    show();
    expect(await screen.findByText("The best clip is being rendered; it plays here when it is ready.")).toBeInTheDocument();
    expect(screen.queryByLabelText("Preview of clip 1")).toBeNull();
  });

  test("still analysing: the first clip of the opening plays before the timeline exists", async () => {
    api.answers = {
      [`/v1/assets/${ID}`]: [200, asset({ state: "analyzing", transcript_status: "pending" })],
      "/v1/clips": [
        200,
        {
          items: [{ id: "c-1", asset_id: ID, start_seconds: 31, end_seconds: 62, duration_seconds: 31, rank: 1, score: 0.7, scores: {}, status: "candidate", transcript: null, preview_url: "/media/preview-1", cover_url: "/media/cover-1", created_at: "2026-01-01T00:00:00Z" }],
          total: 1,
          next_cursor: null,
        },
      ],
    };
    show();
    const first = await screen.findByRole("region", { name: "First clip" });
    expect(within(first).getByLabelText("Preview of clip 1")).toHaveAttribute("src", "/media/preview-1");
    expect(first).toHaveTextContent("still being analysed; more clips follow.");
    expect(screen.getByText("The timeline appears here once the analysis has finished.")).toBeInTheDocument();
  });

  test("the best clip still rendering while another is ready: that one plays, said in words", async () => {
    api.answers = {
      [`/v1/assets/${ID}`]: [200, asset({ transcript_status: "pending" })],
      [`/v1/assets/${ID}/timeline`]: [
        200,
        { asset_id: ID, created_at: new Date().toISOString(), data: { duration: 400, shots: [], silences: [], loudness: [], faces: [], words: null } },
      ],
      "/v1/clips": [
        200,
        {
          items: [
            { id: "c-1", asset_id: ID, start_seconds: 200, end_seconds: 230, duration_seconds: 30, rank: 1, score: 0.9, scores: {}, status: "candidate", transcript: null, created_at: "2026-01-01T00:00:00Z" },
            { id: "c-3", asset_id: ID, start_seconds: 31, end_seconds: 62, duration_seconds: 31, rank: 3, score: 0.7, scores: {}, status: "candidate", transcript: null, preview_url: "/media/preview-3", created_at: "2026-01-01T00:00:00Z" },
          ],
          total: 2,
          next_cursor: null,
        },
      ],
    };
    show();
    const best = await screen.findByRole("region", { name: "Best clip" });
    expect(within(best).getByLabelText("Preview of clip 3")).toHaveAttribute("src", "/media/preview-3");
    expect(best).toHaveTextContent("Clip 1, the best, is still being rendered; clip 3 plays meanwhile.");
  });

  test("a refused video says why, in words", async () => {
    api.answers = {
      [`/v1/assets/${ID}`]: [200, asset({ state: "rejected", rejection_reason: "The file has no video stream.", media_info: null })],
    };
    show();
    expect(await screen.findByRole("alert")).toHaveTextContent("Why it was refused: The file has no video stream.");
    expect(screen.getByText("This video was not analysed, so it has no timeline.")).toBeInTheDocument();
  });

  test("an unknown video: the API's answer in words", async () => {
    api.answers = { [`/v1/assets/${ID}`]: [404, { error: "asset_not_found", detail: "No such asset in this workspace." }] };
    show();
    expect(await screen.findByRole("alert")).toHaveTextContent("No such asset in this workspace.");
    expect(screen.getByRole("link", { name: "Back to all videos" })).toHaveAttribute("href", "/videos");
  });
});
