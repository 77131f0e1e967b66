import { describe, expect, test } from "vitest";
import { cutLabel, cutMarkers, fractionToTime, nextClip, nudge, playedSeconds, playedToSource, sourceToPlayed, timeToFraction, timelineWindow, type Word } from "./logic";

const words: Word[] = [
  { index: 0, text: "in", start: 3.9, end: 4.0 },
  { index: 1, text: "humor", start: 4.06, end: 4.23 },
  { index: 2, text: "Somebody", start: 4.6, end: 4.8 },
  { index: 3, text: "must've", start: 4.82, end: 5.0 },
];

describe("removed stretches", () => {
  test("the played length is the span less the cuts inside it", () => {
    expect(playedSeconds(0, 6, [])).toBe(6);
    expect(playedSeconds(0, 6, [[4.28, 4.55]])).toBeCloseTo(5.73, 6);
    // Only the part of a cut inside the edges counts.
    expect(playedSeconds(1, 4, [[0.5, 1.5], [3.5, 5]])).toBeCloseTo(2, 6);
  });

  test("a render's time maps onto the source timeline around the cuts, and back", () => {
    const removed = [[4.28, 4.55], [2.98, 3.0]];
    expect(playedToSource(1, 1, removed)).toBeCloseTo(2, 6);
    expect(playedToSource(1, 2.5, removed)).toBeCloseTo(3.52, 6);
    expect(playedToSource(1, 3.5, removed)).toBeCloseTo(4.79, 6);
    expect(sourceToPlayed(1, 3.52, removed)).toBeCloseTo(2.5, 6);
    expect(sourceToPlayed(1, 4.79, removed)).toBeCloseTo(3.5, 6);
    // Inside a cut: where the cut was.
    expect(sourceToPlayed(1, 4.4, removed)).toBeCloseTo(3.26, 6);
    for (const t of [0, 0.5, 1.7, 2.2, 3.3, 4]) expect(sourceToPlayed(1, playedToSource(1, t, removed), removed)).toBeCloseTo(t, 6);
  });

  test("a cut's marker goes before the first word after it", () => {
    const markers = cutMarkers(words, [[4.28, 4.55]]);
    expect([...markers.entries()]).toEqual([[2, [0.27]]]);
    expect([...cutMarkers(words, [[5.1, 5.6], [3.5, 3.8]]).entries()]).toEqual([
      [0, [0.3]],
      [4, [0.5]],
    ]);
    expect(cutMarkers(words, []).size).toBe(0);
  });

  test("labels", () => {
    expect(cutLabel(0.4)).toBe("cut 0.4 s");
    expect(cutLabel(0.27)).toBe("cut 0.3 s");
    expect(cutLabel(0.02)).toBe("cut 0.02 s");
  });
});

describe("the timeline strip", () => {
  test("its window holds the clip and the words around it", () => {
    expect(timelineWindow(words, 4, 4.9, 0)).toEqual([3.9, 5]);
    expect(timelineWindow(words, 3, 6, 0)).toEqual([3, 6]);
    // A second either side to drag an edge outwards, never before 0.
    expect(timelineWindow(words, 4, 4.9)).toEqual([3, 5.9]);
    expect(timelineWindow(words, 0.5, 6)).toEqual([0, 7]);
    expect(timelineWindow([], 2, 2, 0)).toEqual([2, 3]);
  });

  test("a handle's time is a share of the window, and back", () => {
    const view: [number, number] = [2, 6];
    expect(timeToFraction(2, view)).toBe(0);
    expect(timeToFraction(5, view)).toBe(0.75);
    expect(timeToFraction(9, view)).toBe(1);
    expect(timeToFraction(1, view)).toBe(0);
    expect(fractionToTime(0.75, view)).toBe(5);
    expect(fractionToTime(-0.2, view)).toBe(2);
    expect(fractionToTime(1 / 3, view)).toBe(3.333);
  });

  test("arrows move a handle by tenths without drifting, within its limits", () => {
    let t = 6;
    for (let i = 0; i < 12; i++) t = nudge(t, -0.1, 0.1, 6);
    expect(t).toBe(4.8);
    expect(nudge(0.15, -0.1, 0.1, 6)).toBe(0.1);
    expect(nudge(5.95, 0.1, 0.1, 6)).toBe(6);
  });
});

describe("the next clip", () => {
  const clip = (id: string, start_seconds: number, end_seconds: number) => ({ id, start_seconds, end_seconds });
  test("the nearest clip starting at or after the end, at most 3 s later", () => {
    const current = clip("a", 0, 3.05);
    expect(nextClip([current, clip("b", 3.05, 4.8), clip("c", 5, 9)], current)?.id).toBe("b");
    expect(nextClip([clip("c", 5, 9), current], current)?.id).toBe("c");
    expect(nextClip([current, clip("d", 6.1, 9), clip("e", 1, 2)], current)).toBeNull();
  });
});
