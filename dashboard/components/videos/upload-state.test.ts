import { describe, expect, test } from "vitest";
import { initialUpload, percentOf, uploadReducer, type UploadEvent } from "./upload-state";

const run = (events: UploadEvent[], total = 1000) => events.reduce(uploadReducer, initialUpload(total));

describe("uploadReducer", () => {
  test("speed is the bytes per second over the recent samples", () => {
    const state = run([
      { type: "started" },
      { type: "progress", bytesSent: 0, bytesTotal: 1000, at: 1000 },
      { type: "progress", bytesSent: 250, bytesTotal: 1000, at: 1500 },
      { type: "progress", bytesSent: 500, bytesTotal: 1000, at: 2000 },
    ]);
    expect(state.phase).toBe("uploading");
    expect(state.speed).toBe(500);
    expect(percentOf(state)).toBe(50);
  });

  test("pausing forgets the speed; a resume records where the server stood", () => {
    const state = run([
      { type: "started" },
      { type: "progress", bytesSent: 400, bytesTotal: 1000, at: 1000 },
      { type: "paused" },
      { type: "continued" },
      { type: "resumed", offset: 300 },
    ]);
    expect(state).toMatchObject({ phase: "uploading", speed: null, resumedFrom: 300, bytesSent: 400 });
  });

  test("a late progress event does not undo done or cancelled", () => {
    const done = run([{ type: "started" }, { type: "done", assetId: "a1" }]);
    expect(uploadReducer(done, { type: "progress", bytesSent: 10, bytesTotal: 1000, at: 1 })).toBe(done);
    const cancelled = run([{ type: "started" }, { type: "cancelled" }]);
    expect(uploadReducer(cancelled, { type: "continued" })).toBe(cancelled);
  });
});
