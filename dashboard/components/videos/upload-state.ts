// The state of one upload, as a reducer: what the panel shows (progress, speed, paused, resumed
// from where, done, or why it failed) follows only from the events tus-js-client reports.

export type UploadPhase = "starting" | "uploading" | "paused" | "done" | "failed" | "cancelled";

export type UploadState = {
  phase: UploadPhase;
  bytesSent: number;
  bytesTotal: number;
  /** Bytes per second over the last few seconds; null until it can be told. */
  speed: number | null;
  /** Where the server said the upload stood when it was resumed (after a reload or a pause). */
  resumedFrom: number | null;
  assetId: string | null;
  error: string | null;
  /** Recent progress samples, for the speed. */
  samples: { at: number; bytes: number }[];
};

export type UploadEvent =
  | { type: "started" }
  | { type: "resumed"; offset: number }
  | { type: "progress"; bytesSent: number; bytesTotal: number; at: number }
  | { type: "paused" }
  | { type: "continued" }
  | { type: "done"; assetId: string | null }
  | { type: "failed"; error: string }
  | { type: "cancelled" };

const SPEED_WINDOW_MS = 5000;

export function initialUpload(bytesTotal: number): UploadState {
  return {
    phase: "starting",
    bytesSent: 0,
    bytesTotal,
    speed: null,
    resumedFrom: null,
    assetId: null,
    error: null,
    samples: [],
  };
}

export function uploadReducer(state: UploadState, event: UploadEvent): UploadState {
  switch (event.type) {
    case "started":
      return { ...state, phase: "uploading", error: null };
    case "resumed":
      return {
        ...state,
        phase: state.phase === "paused" ? "paused" : "uploading",
        resumedFrom: event.offset,
        bytesSent: Math.max(state.bytesSent, event.offset),
        samples: [],
      };
    case "progress": {
      if (state.phase === "done" || state.phase === "cancelled") return state;
      const samples = [...state.samples, { at: event.at, bytes: event.bytesSent }].filter(
        (sample) => event.at - sample.at <= SPEED_WINDOW_MS,
      );
      const first = samples[0];
      const elapsed = first ? (event.at - first.at) / 1000 : 0;
      const speed = first && elapsed >= 0.25 ? Math.max(0, (event.bytesSent - first.bytes) / elapsed) : state.speed;
      return {
        ...state,
        phase: state.phase === "starting" ? "uploading" : state.phase,
        bytesSent: event.bytesSent,
        bytesTotal: event.bytesTotal,
        samples,
        speed,
      };
    }
    case "paused":
      return state.phase === "uploading" || state.phase === "starting"
        ? { ...state, phase: "paused", speed: null, samples: [] }
        : state;
    case "continued":
      return state.phase === "paused" || state.phase === "failed"
        ? { ...state, phase: "uploading", error: null, samples: [] }
        : state;
    case "done":
      return { ...state, phase: "done", bytesSent: state.bytesTotal, assetId: event.assetId, speed: null, error: null };
    case "failed":
      return { ...state, phase: "failed", error: event.error, speed: null, samples: [] };
    case "cancelled":
      return { ...state, phase: "cancelled", speed: null, samples: [] };
  }
}

export function percentOf(state: Pick<UploadState, "bytesSent" | "bytesTotal">): number {
  if (state.bytesTotal <= 0) return 0;
  return Math.min(100, Math.floor((state.bytesSent / state.bytesTotal) * 100));
}
