import { QueryClient } from "@tanstack/react-query";
import { describe, expect, test } from "vitest";
import { applyEvent, describeEvent, inFeed, type StreamEvent } from "./events";
import type { Series } from "./operations-types";
import { addToken, appendPoint, compareEventIds, EMPTY_STREAM, eventMetrics, seriesKey, snapshotKey, streamKey, workersKey, type TokenStream } from "./telemetry";

function event(type: string, data: Record<string, unknown>, id = "1796442497515-0", subject: string | null = null): StreamEvent {
  return { id, type, workspace_id: "ws-1", subject_id: subject, at: "2026-12-06T12:00:10Z", data };
}

describe("live series", () => {
  test("a point is appended in time order; older than the window or replayed, it is dropped", () => {
    const points = [
      { at: "2026-12-06T10:59:00Z", value: 1 },
      { at: "2026-12-06T11:30:00Z", value: 2 },
    ];
    const next = appendPoint(points, { at: "2026-12-06T12:00:00Z", value: 3 });
    expect(next.map((p) => p.value)).toEqual([2, 3]);
    expect(appendPoint(next, { at: "2026-12-06T11:00:00Z", value: 9 })).toBe(next);
    expect(appendPoint(next, { at: "2026-12-06T12:00:00Z", value: 4 }).map((p) => p.value)).toEqual([2, 4]);
  });

  test("the metrics of a snapshot event, whole or metrics only", () => {
    expect(eventMetrics(event("telemetry.snapshot", { metrics: { "jobs.running": 2, label: "x" } }))).toEqual({ "jobs.running": 2 });
    expect(eventMetrics(event("telemetry.snapshot", { "queue.media.depth": 4, taken_at: "…" }))).toEqual({ "queue.media.depth": 4 });
  });

  test("a snapshot event moves every cached series; the snapshot and workers, not in it, go stale", () => {
    const client = new QueryClient();
    const window = { start: "2026-12-06T11:00:00Z", end: "2026-12-06T12:00:00Z", step_seconds: 60 };
    client.setQueryData<Series>(seriesKey("jobs.running"), { metric: "jobs.running", ...window, points: [{ at: "2026-12-06T11:59:00Z", value: 1 }] });
    client.setQueryData(snapshotKey, { metrics: {} });
    client.setQueryData(workersKey, []);
    applyEvent(client, event("telemetry.snapshot", { taken_at: "2026-12-06T12:00:00Z", scope: "workspace", metrics: { "jobs.running": 5, "workers.alive": 1 } }));
    expect(client.getQueryData<Series>(seriesKey("jobs.running"))?.points).toEqual([
      { at: "2026-12-06T11:59:00Z", value: 1 },
      { at: "2026-12-06T12:00:00Z", value: 5 },
    ]);
    // A series nobody charts is not created.
    expect(client.getQueryData(seriesKey("workers.alive"))).toBeUndefined();
    expect(client.getQueryState(snapshotKey)?.isInvalidated).toBe(true);
    expect(client.getQueryState(workersKey)?.isInvalidated).toBe(true);
  });

  test("the feed skips snapshots and tokens, and says what alerts and checks did", () => {
    expect(inFeed(event("telemetry.snapshot", {}))).toBe(false);
    expect(inFeed(event("ai.health.token", { text: "a" }))).toBe(false);
    expect(inFeed(event("alert.updated", { title: "Disk low" }))).toBe(false);
    expect(inFeed(event("alert.opened", { title: "Disk low" }))).toBe(true);
    expect(describeEvent(event("alert.opened", { title: "Worker missing", severity: "critical" }))).toBe("Alert opened: Worker missing (critical)");
    expect(describeEvent(event("ai.health.state", { state: "succeeded", score: 82 }))).toBe("Health check succeeded: score 82");
  });
});

describe("the model's answer as it streams", () => {
  test("chunks assemble in the order written, whatever order they arrive in, each once", () => {
    const run = "run-1";
    const chunks = [
      event("ai.health.token", { text: "queue " }, "1796442497600-0", run),
      event("ai.health.token", { text: "The " }, "1796442497515-0", run),
      event("ai.health.token", { text: "media " }, "1796442497515-1", run),
      event("ai.health.token", { text: "grows." }, "1796442497700-0", run),
    ];
    let stream: TokenStream = EMPTY_STREAM;
    for (const chunk of [...chunks, chunks[1]!]) stream = addToken(stream, chunk);
    expect(stream.text).toBe("The media queue grows.");
    expect(compareEventIds("1796442497515-1", "1796442497600-0")).toBeLessThan(0);
  });

  test("a sequence number the server sends wins over arrival; the cache holds each run's text", () => {
    const client = new QueryClient();
    applyEvent(client, event("ai.health.token", { text: "world", seq: 2 }, "1796442497515-0", "r"));
    applyEvent(client, event("ai.health.token", { text: "hello ", seq: 1 }, "1796442497516-0", "r"));
    applyEvent(client, event("ai.health.token", { text: "other" }, "1796442497517-0", "s"));
    expect(client.getQueryData<TokenStream>(streamKey("r"))?.text).toBe("hello world");
    expect(client.getQueryData<TokenStream>(streamKey("s"))?.text).toBe("other");
  });

  test("a restart voids the text before it: the answer starts again", () => {
    let stream: TokenStream = EMPTY_STREAM;
    stream = addToken(stream, event("ai.health.token", { text: "The disk" }, "1-0", "r"));
    stream = addToken(stream, event("ai.health.token", { text: "", restart: true }, "2-0", "r"));
    stream = addToken(stream, event("ai.health.token", { text: "Redis is " }, "3-0", "r"));
    stream = addToken(stream, event("ai.health.token", { text: "down." }, "4-0", "r"));
    expect(stream.text).toBe("Redis is down.");
  });
});
