import { QueryClient } from "@tanstack/react-query";
import { describe, expect, test } from "vitest";
import {
  addToFeed,
  applyEvent,
  backoff,
  cacheEffects,
  describeEvent,
  EventStream,
  eventsUrl,
  type ConnectionStatus,
  type SocketLike,
  type StreamEvent,
} from "./events";

const JOB = "5a1c0000-0000-4000-8000-000000000001";

function event(type: string, data: Record<string, unknown>, subject: string | null = JOB, id = "1796442497515-0"): StreamEvent {
  return { id, type, workspace_id: "w", subject_id: subject, at: "2026-12-05T03:48:17+00:00", data };
}

function job(id: string, state: string, progress: number) {
  return { id, state, progress, type: "media.process" };
}

const overview = () => ({
  jobs: { total: 2, by_state: { pending: 1, succeeded: 1 } },
  assets: { total: 1, by_state: { probing: 1 } },
  clips: { total: 0, by_state: {} },
  publications: { total: 0, by_state: {} },
});

describe("event → cache", () => {
  test("each kind names the keys it makes stale", () => {
    expect(cacheEffects(event("asset.state", { state: "ready", previous: "analyzing" }, "a1")).invalidate).toEqual([
      ["assets"],
      ["asset", "a1"],
      ["timeline", "a1"],
      ["overview"],
    ]);
    expect(cacheEffects(event("variant.state", { state: "ready", clip_id: "c1" }, "v1")).invalidate).toEqual([
      ["variants", "c1"],
      ["clip", "c1"],
      ["clips"],
    ]);
    expect(cacheEffects(event("clip.created", { asset_id: "a1", rank: 1 }, "c1")).invalidate).toEqual([
      ["clips"],
      ["asset", "a1"],
      ["overview"],
    ]);
    expect(cacheEffects(event("publication.state", { state: "published", change: "publication.published", clip_id: "c1" }, "p1")).invalidate).toEqual([
      ["publications"],
      ["publication", "p1"],
      ["clip", "c1"],
      ["overview"],
    ]);
    expect(cacheEffects(event("account.state", { status: "connected" }, "acc")).invalidate).toEqual([["accounts"]]);
    expect(cacheEffects(event("ledger.head", { chain_seq: 4 }, "l")).invalidate).toEqual([["ledger"]]);
    expect(cacheEffects(event("something.new", {})).invalidate).toEqual([]);
  });

  test("job progress is patched in place, nothing is fetched again", () => {
    const effects = cacheEffects(event("job.progress", { state: "running", progress: 40, change: "job.progress" }));
    expect(effects).toEqual({ jobs: [{ id: JOB, state: "running", progress: 40 }], overview: [], invalidate: [] });
  });

  test("applyEvent moves the bars of every cached list and the job itself", () => {
    const client = new QueryClient();
    const other = job("other", "running", 10);
    client.setQueryData(["jobs", { state: null }], { items: [job(JOB, "running", 5), other], total: 2, next_cursor: null });
    client.setQueryData(["jobs", "infinite"], { pages: [{ items: [job(JOB, "running", 5)] }], pageParams: [null] });
    client.setQueryData(["job", JOB], job(JOB, "running", 5));
    applyEvent(client, event("job.progress", { state: "running", progress: 40, change: "job.progress" }));
    const list = client.getQueryData<{ items: { progress: number }[] }>(["jobs", { state: null }]);
    expect(list?.items.map((item) => item.progress)).toEqual([40, 10]);
    expect(client.getQueryData<{ items: unknown[] }>(["jobs", { state: null }])?.items[1]).toBe(other);
    const infinite = client.getQueryData<{ pages: { items: { progress: number }[] }[] }>(["jobs", "infinite"]);
    expect(infinite?.pages[0]?.items[0]?.progress).toBe(40);
    expect(client.getQueryData<{ progress: number }>(["job", JOB])?.progress).toBe(40);
    expect(client.getQueryState(["jobs", { state: null }])?.isInvalidated).toBe(false);
  });

  test("a new job counts on the overview at once; a finished one moves between states", () => {
    const client = new QueryClient();
    client.setQueryData(["overview"], overview());
    applyEvent(client, event("job.state", { state: "pending", progress: 0, change: "job.created" }, "new"));
    expect(client.getQueryData<ReturnType<typeof overview>>(["overview"])?.jobs).toEqual({
      total: 3,
      by_state: { pending: 2, succeeded: 1 },
    });
    client.setQueryData(["job", "new"], job("new", "pending", 0));
    applyEvent(client, event("job.state", { state: "running", progress: 0, change: "job.started" }, "new"));
    expect(client.getQueryData<ReturnType<typeof overview>>(["overview"])?.jobs).toEqual({
      total: 3,
      by_state: { pending: 1, running: 1, succeeded: 1 },
    });
    expect(client.getQueryData<{ state: string }>(["job", "new"])?.state).toBe("running");
    // And the overview is fetched again, to stay exact.
    expect(client.getQueryState(["overview"])?.isInvalidated).toBe(true);
  });

  test("an asset's move uses the previous state the event carries", () => {
    const client = new QueryClient();
    client.setQueryData(["overview"], overview());
    applyEvent(client, event("asset.state", { state: "analyzing", previous: "probing" }, "a1"));
    expect(client.getQueryData<ReturnType<typeof overview>>(["overview"])?.assets).toEqual({
      total: 1,
      by_state: { analyzing: 1 },
    });
  });
});

describe("the feed", () => {
  test("newest first, a job's progress replaces its previous line, at most 30", () => {
    let feed: StreamEvent[] = [];
    feed = addToFeed(feed, event("job.state", { state: "running", change: "job.started", job_type: "media.process" }, JOB, "1-0"));
    feed = addToFeed(feed, event("job.progress", { progress: 10, job_type: "media.process" }, JOB, "2-0"));
    feed = addToFeed(feed, event("job.progress", { progress: 20, job_type: "media.process" }, JOB, "3-0"));
    expect(feed.map((e) => e.id)).toEqual(["3-0", "1-0"]);
    expect(feed.map(describeEvent)).toEqual(["Video processing at 20 %", "Video processing started"]);
    feed = addToFeed(feed, event("job.state", { state: "succeeded", change: "job.succeeded", job_type: "media.process" }, JOB, "4-0"));
    expect(feed.map(describeEvent)).toEqual(["Video processing finished", "Video processing started"]);
    for (let i = 0; i < 40; i += 1) feed = addToFeed(feed, event("member.removed", { role: "viewer" }, "u", `${10 + i}-0`));
    expect(feed).toHaveLength(30);
  });

  test("ledger entries that another event already tells are left out", () => {
    expect(addToFeed([], event("ledger.head", { type: "job.created" }, "l"))).toEqual([]);
    const invited = addToFeed([], event("ledger.head", { type: "member.invited" }, "l"));
    expect(invited.map(describeEvent)).toEqual(["Ledger: member invited recorded"]);
    expect(describeEvent(event("publication.state", { state: "published", platform: "tiktok" }, "p"))).toBe("TikTok publication published");
  });

  test("an account's upload notices going live is not told as a new connection", () => {
    const live = event("account.state", { status: "connected", change: "account.notifications_live", platform: "youtube", username: "acme" }, "a");
    expect(describeEvent(live)).toBe("YouTube account @acme: upload notices on");
    const connected = event("account.state", { status: "connected", change: "account.connected", platform: "youtube", username: "acme" }, "a");
    expect(describeEvent(connected)).toBe("YouTube account @acme connected");
  });
});

class FakeSocket implements SocketLike {
  static opened: FakeSocket[] = [];
  onopen: SocketLike["onopen"] = null;
  onmessage: SocketLike["onmessage"] = null;
  onclose: SocketLike["onclose"] = null;
  onerror: SocketLike["onerror"] = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }
  close() {
    this.closed = true;
  }
  send(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code = 1006, reason = "") {
    this.onclose?.({ code, reason });
  }
}

function harness(renew?: () => Promise<boolean>) {
  FakeSocket.opened = [];
  const pending: { fn: () => void; ms: number }[] = [];
  const statuses: ConnectionStatus[] = [];
  const events: StreamEvent[] = [];
  const refused: number[] = [];
  let resyncs = 0;
  const stream = new EventStream({
    url: (last) => eventsUrl({ protocol: "http:", host: "127.0.0.1:8000" }, "w1", last),
    open: (url) => new FakeSocket(url),
    onEvent: (e) => events.push(e),
    onResync: () => (resyncs += 1),
    onStatus: (s) => statuses.push(s),
    onRefused: (code) => refused.push(code),
    renew,
    random: () => 0.5,
    timers: { set: (fn, ms) => pending.push({ fn, ms }), clear: () => undefined },
  });
  const socket = () => FakeSocket.opened[FakeSocket.opened.length - 1]!;
  const fire = () => pending.shift()!;
  return { stream, statuses, events, refused, resyncs: () => resyncs, socket, fire, pending };
}

describe("the connection", () => {
  test("backoff doubles from half a second up to 15 s", () => {
    expect([0, 1, 2, 3, 10].map((n) => backoff(n, () => 0.5))).toEqual([500, 1000, 2000, 4000, 15000]);
    expect(backoff(0, () => 0)).toBe(400);
    expect(backoff(0, () => 1)).toBe(600);
  });

  test("reconnects with the last event id, after the head when nothing came yet", () => {
    const h = harness();
    h.stream.start();
    expect(h.socket().url).toBe("ws://127.0.0.1:8000/v1/events?workspace_id=w1");
    h.socket().send({ type: "subscribed", workspace_id: "w1", head: "100-0" });
    expect(h.statuses).toEqual(["connecting", "live"]);
    h.socket().drop();
    expect(h.statuses.at(-1)).toBe("reconnecting");
    const first = h.fire();
    expect(first.ms).toBe(500);
    first.fn();
    expect(h.socket().url).toContain("last_event_id=100-0");
    h.socket().send({ type: "subscribed", workspace_id: "w1", head: "120-0" });
    h.socket().send(event("job.progress", { progress: 5 }, JOB, "130-0"));
    expect(h.events.map((e) => e.id)).toEqual(["130-0"]);
    h.socket().drop(1001, "server_stopping");
    h.fire().fn();
    expect(h.socket().url).toContain("last_event_id=130-0");
  });

  test("backs off further while the server stays away, and starts over once subscribed", () => {
    const h = harness();
    h.stream.start();
    h.socket().drop();
    const delays = [];
    for (let i = 0; i < 3; i += 1) {
      const next = h.fire();
      delays.push(next.ms);
      next.fn();
      h.socket().drop();
    }
    expect(delays).toEqual([500, 1000, 2000]);
    h.fire().fn();
    h.socket().send({ type: "subscribed", workspace_id: "w1", head: null });
    h.socket().drop();
    expect(h.fire().ms).toBe(500);
  });

  test("resync is passed on; protocol messages are not events", () => {
    const h = harness();
    h.stream.start();
    h.socket().send({ type: "subscribed", workspace_id: "w1", head: "1-0" });
    h.socket().send({ type: "resync" });
    expect(h.resyncs()).toBe(1);
    expect(h.events).toEqual([]);
  });

  test("an expired access cookie is renewed, then it reconnects; a refusal stops it", async () => {
    let renewed = 0;
    const h = harness(async () => (renewed += 1) === 1);
    h.stream.start();
    h.socket().drop(4401, "invalid_token");
    await Promise.resolve();
    await Promise.resolve();
    expect(renewed).toBe(1);
    h.fire().fn();
    expect(FakeSocket.opened).toHaveLength(2);
    h.socket().drop(4401, "session_ended");
    await Promise.resolve();
    await Promise.resolve();
    expect(h.refused).toEqual([4401]);
    expect(h.statuses.at(-1)).toBe("offline");
    expect(h.pending).toEqual([]);
  });

  test("stop closes the socket and never reconnects", () => {
    const h = harness();
    h.stream.start();
    const socket = h.socket();
    h.stream.stop();
    expect(socket.closed).toBe(true);
    socket.drop();
    expect(h.pending).toEqual([]);
  });
});
