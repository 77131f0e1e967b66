// The workspace's event stream (WS /v1/events, docs/events.md) and what each event does to the
// TanStack Query cache, so what is on screen follows the server without polling.
//
// - job.progress / job.state patch the cached jobs, job and overview in place (setQueryData):
//   progress bars move without a request.
// - every other kind invalidates the keys that show it; on-screen queries refetch.
// - "resync" (events were missed) invalidates everything.
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { applyTelemetry, applyToken } from "@/lib/telemetry";

export type StreamEvent = {
  id: string;
  type: string;
  workspace_id: string;
  subject_id: string | null;
  at: string;
  data: Record<string, unknown>;
};

type ProtocolMessage = { type: "subscribed"; workspace_id: string; head: string | null } | { type: "resync" };

export type ConnectionStatus = "connecting" | "live" | "reconnecting" | "offline";

// --- event → cache ------------------------------------------------------------------------

export type JobPatch = { id: string; state?: string; progress?: number };

export type CacheEffects = {
  /** Jobs to patch in place in ["jobs", …] lists and ["job", id]. */
  jobs: JobPatch[];
  /** Counts to move in ["overview"]: resource, the state left (if known) and the state entered. */
  overview: { resource: OverviewResource; from: string | null; to: string }[];
  /** Keys to invalidate (prefixes). */
  invalidate: QueryKey[];
};

type OverviewResource = "jobs" | "assets" | "clips" | "publications";

function text(value: unknown): string | null {
  return typeof value === "string" && value ? value : null;
}

/** What one event does to the cache: a pure function, the whole mapping in one place. */
export function cacheEffects(event: StreamEvent): CacheEffects {
  const effects: CacheEffects = { jobs: [], overview: [], invalidate: [] };
  const id = event.subject_id;
  const data = event.data ?? {};
  const state = text(data.state);
  switch (event.type) {
    case "job.progress":
    case "job.state": {
      if (!id) break;
      const progress = typeof data.progress === "number" ? data.progress : undefined;
      effects.jobs.push({ id, state: state ?? undefined, progress });
      if (event.type === "job.state") {
        // A new job, or one that moved to another state: lists filtered by state and the
        // counts change. Counts move now; the lists are fetched again.
        if (state) effects.overview.push({ resource: "jobs", from: data.change === "job.created" ? null : "?", to: state });
        effects.invalidate.push(["jobs"]);
        const asset = text(data.asset_id);
        if (asset) effects.invalidate.push(["asset", asset]);
        const clip = text(data.clip_id);
        if (clip) effects.invalidate.push(["variants", clip]);
      }
      break;
    }
    case "asset.state":
      if (state) effects.overview.push({ resource: "assets", from: text(data.previous), to: state });
      effects.invalidate.push(["assets"]);
      if (id) effects.invalidate.push(["asset", id], ["timeline", id]);
      break;
    case "variant.state": {
      const clip = text(data.clip_id);
      if (clip) effects.invalidate.push(["variants", clip], ["clip", clip]);
      effects.invalidate.push(["clips"]);
      break;
    }
    case "clip.created":
      effects.overview.push({ resource: "clips", from: null, to: "candidate" });
      effects.invalidate.push(["clips"]);
      if (text(data.asset_id)) effects.invalidate.push(["asset", text(data.asset_id)]);
      break;
    case "publication.state": {
      const created = data.change === "publication.created";
      if (state) effects.overview.push({ resource: "publications", from: created ? null : "?", to: state });
      effects.invalidate.push(["publications"]);
      if (id) effects.invalidate.push(["publication", id]);
      // Approving a clip makes publications: its status changes too.
      const clip = text(data.clip_id);
      if (created) effects.invalidate.push(["clips"]);
      if (clip) effects.invalidate.push(["clip", clip]);
      break;
    }
    case "account.state":
      effects.invalidate.push(["accounts"]);
      break;
    case "ledger.head":
      effects.invalidate.push(["ledger"]);
      break;
    case "member.removed":
    case "member.role_changed":
      effects.invalidate.push(["members"], ["me"]);
      break;
    case "alert.opened":
    case "alert.updated":
    case "alert.resolved":
      effects.invalidate.push(["alerts"]);
      if (id) effects.invalidate.push(["alert", id]);
      break;
    case "ai.health.state":
      effects.invalidate.push(["health-runs"]);
      if (id) effects.invalidate.push(["health-run", id]);
      break;
    default:
      break;
  }
  // Counts whose previous state is unknown ("?") are fetched again to stay exact.
  if (effects.overview.length > 0) effects.invalidate.push(["overview"]);
  return effects;
}

type Job = { id: string; state: string; progress: number };
type PageOf<T> = { items: T[] };
type Infinite<T> = { pages: PageOf<T>[]; pageParams: unknown[] };
type Counts = { total: number; by_state: Record<string, number> };
type Overview = Record<OverviewResource, Counts>;

function patchJob<T extends Job>(job: T, patch: JobPatch): T {
  if (job.id !== patch.id) return job;
  return {
    ...job,
    ...(patch.state ? { state: patch.state } : {}),
    ...(patch.progress !== undefined ? { progress: patch.progress } : {}),
  };
}

function patchJobList(data: unknown, patch: JobPatch): unknown {
  if (!data || typeof data !== "object") return data;
  if ("pages" in data && Array.isArray((data as Infinite<Job>).pages)) {
    const infinite = data as Infinite<Job>;
    return { ...infinite, pages: infinite.pages.map((page) => patchJobList(page, patch) as PageOf<Job>) };
  }
  if ("items" in data && Array.isArray((data as PageOf<Job>).items)) {
    const page = data as PageOf<Job>;
    if (!page.items.some((job) => job.id === patch.id)) return data;
    return { ...page, items: page.items.map((job) => patchJob(job, patch)) };
  }
  return data;
}

/** The state a job had before this event, from whatever the cache holds about it. */
function knownJobState(client: QueryClient, id: string): string | null {
  const single = client.getQueryData<Job>(["job", id]);
  if (single?.state) return single.state;
  for (const [, data] of client.getQueriesData<unknown>({ queryKey: ["jobs"] })) {
    const pages = data && typeof data === "object" && "pages" in data ? (data as Infinite<Job>).pages : [data as PageOf<Job>];
    for (const page of pages) {
      const found = page?.items?.find?.((job) => job.id === id);
      if (found) return found.state;
    }
  }
  return null;
}

function moveCount(overview: Overview, resource: OverviewResource, from: string | null, to: string): Overview {
  const counts = overview[resource];
  if (!counts || from === to) return overview;
  const byState = { ...counts.by_state };
  let total = counts.total;
  if (from === null) total += 1;
  else if ((byState[from] ?? 0) > 0) {
    byState[from] = (byState[from] ?? 0) - 1;
    if (byState[from] === 0) delete byState[from];
  } else return overview; // the state it left is not known: the refetch will tell
  byState[to] = (byState[to] ?? 0) + 1;
  return { ...overview, [resource]: { total, by_state: byState } };
}

/** Apply one event to the cache. */
export function applyEvent(client: QueryClient, event: StreamEvent): void {
  // Patched in place, never refetched: they come every few seconds, or many a second.
  if (event.type === "telemetry.snapshot") return applyTelemetry(client, event);
  if (event.type === "ai.health.token") return applyToken(client, event);
  const effects = cacheEffects(event);
  for (const move of effects.overview) {
    const from = move.from === "?" ? (move.resource === "jobs" && event.subject_id ? knownJobState(client, event.subject_id) : null) : move.from;
    if (move.from === "?" && from === null) continue;
    client.setQueryData<Overview>(["overview"], (old) => (old ? moveCount(old, move.resource, from, move.to) : old));
  }
  for (const patch of effects.jobs) {
    client.setQueryData<Job>(["job", patch.id], (old) => (old ? patchJob(old, patch) : old));
    client.setQueriesData({ queryKey: ["jobs"] }, (old: unknown) => patchJobList(old, patch));
  }
  for (const key of effects.invalidate) void client.invalidateQueries({ queryKey: key });
}

// --- the connection -----------------------------------------------------------------------

export type SocketLike = {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close: (code?: number, reason?: string) => void;
};

export type StreamOptions = {
  /** ws(s)://host/v1/events?… for a workspace and the last event id. */
  url: (lastEventId: string | null) => string;
  open?: (url: string) => SocketLike;
  onEvent: (event: StreamEvent) => void;
  onResync: () => void;
  onStatus: (status: ConnectionStatus) => void;
  /** Called on 4401 (the access cookie expired): true when the session was renewed. */
  renew?: () => Promise<boolean>;
  /** Called when the server refuses for good (signed out, no longer a member). */
  onRefused?: (code: number, reason: string) => void;
  timers?: { set: (fn: () => void, ms: number) => unknown; clear: (handle: unknown) => void };
  random?: () => number;
};

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

/** Delay before reconnect attempt `attempt` (0-based): doubling from 0.5 s to 15 s, ±20 %. */
export function backoff(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export function eventsUrl(location: { protocol: string; host: string }, workspaceId: string, lastEventId: string | null): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const params = new URLSearchParams({ workspace_id: workspaceId });
  if (lastEventId) params.set("last_event_id", lastEventId);
  return `${scheme}//${location.host}/v1/events?${params.toString()}`;
}

/** One subscription that reconnects with backoff and its last event id until stopped. */
export class EventStream {
  lastEventId: string | null = null;
  private socket: SocketLike | null = null;
  private attempt = 0;
  private timer: unknown = null;
  private stopped = false;
  private readonly timers: NonNullable<StreamOptions["timers"]>;

  constructor(private readonly options: StreamOptions) {
    this.timers = options.timers ?? {
      set: (fn, ms) => setTimeout(fn, ms),
      clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.close(1000, "done");
    }
  }

  private connect(): void {
    if (this.stopped) return;
    this.options.onStatus(this.attempt === 0 && this.lastEventId === null ? "connecting" : "reconnecting");
    const open = this.options.open ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    let socket: SocketLike;
    try {
      socket = open(this.options.url(this.lastEventId));
    } catch {
      this.retry();
      return;
    }
    this.socket = socket;
    socket.onmessage = (message) => this.receive(message.data);
    socket.onerror = () => undefined; // a close always follows
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      void this.closed(event.code, event.reason);
    };
  }

  private receive(raw: unknown): void {
    if (typeof raw !== "string") return;
    let message: StreamEvent | ProtocolMessage;
    try {
      message = JSON.parse(raw) as StreamEvent | ProtocolMessage;
    } catch {
      return;
    }
    if (message.type === "subscribed") {
      this.attempt = 0;
      // Keep the head as the last id until an event comes: a drop before it still replays.
      const head = (message as ProtocolMessage & { head?: string | null }).head;
      if (this.lastEventId === null && head) this.lastEventId = head;
      this.options.onStatus("live");
      return;
    }
    if (message.type === "resync") {
      this.options.onResync();
      return;
    }
    if ("id" in message && message.id) {
      this.lastEventId = message.id;
      this.options.onEvent(message);
    }
  }

  private async closed(code: number, reason: string): Promise<void> {
    if (this.stopped) return;
    if (code === 4401 && this.options.renew) {
      if (await this.options.renew()) {
        this.retry();
        return;
      }
    }
    if (code === 4400 || code === 4401 || code === 4403) {
      this.options.onStatus("offline");
      this.options.onRefused?.(code, reason);
      return;
    }
    this.retry();
  }

  private retry(): void {
    if (this.stopped) return;
    this.options.onStatus("reconnecting");
    const delay = backoff(this.attempt, this.options.random);
    this.attempt += 1;
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.connect();
    }, delay);
  }
}

// --- the feed of recent events ------------------------------------------------------------

export const FEED_SIZE = 30;

// Ledger entries that another event of the stream already tells.
const MIRRORED = /^(job|asset|variant|clip|publication|account)\./;

/** Whether the feed shows this event at all. */
export function inFeed(event: StreamEvent): boolean {
  // Every ~10 s, or every few words (an open alert is updated by each collection): the charts,
  // the alerts and the health page show them; the feed would drown.
  if (event.type === "telemetry.snapshot" || event.type === "ai.health.token" || event.type === "alert.updated") return false;
  if (event.type === "ledger.head") return !MIRRORED.test(text(event.data?.type) ?? "");
  return true;
}

/** The feed after one more event: newest first; a job's progress replaces its previous progress
 * line, and a change of its state ends it. */
export function addToFeed(feed: StreamEvent[], event: StreamEvent): StreamEvent[] {
  if (!inFeed(event)) return feed;
  const rest = event.type.startsWith("job.")
    ? feed.filter((old) => !(old.type === "job.progress" && old.subject_id === event.subject_id))
    : feed;
  return [event, ...rest].slice(0, FEED_SIZE);
}

const JOB_NAMES: Record<string, string> = {
  "media.process": "Video processing",
  "media.analyze": "Video analysis",
  "media.render_variant": "Render",
  "ledger.audit": "Ledger audit",
};

const JOB_CHANGES: Record<string, string> = {
  "job.created": "queued",
  "job.started": "started",
  "job.succeeded": "finished",
  "job.failed": "failed",
  "job.retrying": "will be retried",
  "job.cancelled": "cancelled",
  "job.worker_lost": "lost its worker; it will be retried",
};

const PLATFORMS: Record<string, string> = { instagram: "Instagram", tiktok: "TikTok", youtube: "YouTube" };

/** One event in words, for the overview's feed. */
export function describeEvent(event: StreamEvent): string {
  const data = event.data ?? {};
  const state = text(data.state)?.replaceAll("_", " ");
  const jobType = text(data.job_type);
  const job = (jobType && JOB_NAMES[jobType]) ?? "A job";
  const platform = text(data.platform);
  const where = platform ? (PLATFORMS[platform] ?? platform) : null;
  switch (event.type) {
    case "job.progress":
      return `${job} at ${String(data.progress ?? 0)} %`;
    case "job.state": {
      const change = text(data.change);
      return `${job} ${(change && JOB_CHANGES[change]) ?? state ?? "changed"}`;
    }
    case "asset.state":
      return `A video is ${state ?? "changed"}`;
    case "variant.state":
      return `${where ?? "A"} render ${state === "ready" ? "is ready" : (state ?? "changed")}`;
    case "clip.created":
      return `New clip found (rank ${String(data.rank ?? "?")})`;
    case "publication.state":
      return `${where ?? "A"} publication ${state ?? "changed"}`;
    case "account.state": {
      const name = text(data.username) ? ` @${text(data.username)}` : "";
      if (data.change === "account.notifications_live") return `${where ?? "An"} account${name}: upload notices on`;
      return `${where ?? "An"} account${name} ${text(data.status)?.replaceAll("_", " ") ?? "changed"}`;
    }
    case "ledger.head":
      return `Ledger: ${text(data.type)?.replaceAll(".", " ").replaceAll("_", " ") ?? "an event"} recorded`;
    case "member.removed":
      return "A member was removed";
    case "member.role_changed":
      return `A member's role changed to ${text(data.to) ?? "another"}`;
    case "alert.opened":
    case "alert.updated":
    case "alert.resolved": {
      const title = text(data.title) ?? "An alert";
      const verb = { "alert.opened": "opened", "alert.updated": "updated", "alert.resolved": "resolved" }[event.type];
      return `Alert ${verb}: ${title}${text(data.severity) && event.type === "alert.opened" ? ` (${text(data.severity)})` : ""}`;
    }
    case "ai.health.state":
      return `Health check ${state ?? "changed"}${typeof data.score === "number" ? `: score ${data.score}` : ""}`;
    default:
      return event.type;
  }
}
