import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, test, vi } from "vitest";
import { Timeline } from "./timeline";
import { presenceBands, type ClipRange, type TimelineData } from "./timeline-layout";

const push = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push }) }));

// Shaped like what workers/media/timeline.py stores for a 40-second dialogue.
const TIMELINE: TimelineData = {
  duration: 40,
  shots: [8.4, 20, 31.52],
  silences: [
    [12, 14],
    [36.5, 40],
  ],
  loudness: [
    [0, -23.5],
    [10, -18],
    [20, -70],
    [30, -9.2],
    [40, -120.7],
  ],
  motion: [
    [0, 0.4],
    [20, 1.8],
  ],
  faces: [
    [0, 0],
    [2, 1],
    [4, 2],
    [6, 0],
    [30, 1],
  ],
  words: [
    { text: "Walter,", start: 1, end: 1.5 },
    { text: "you're", start: 1.6, end: 2 },
    { text: "wonderful.", start: 2.1, end: 3 },
  ],
};
const CLIPS: ClipRange[] = [
  { id: "clip-b", rank: 2, start_seconds: 20, end_seconds: 30, score: 0.61 },
  { id: "clip-a", rank: 1, start_seconds: 0, end_seconds: 10, score: 0.83 },
];

function draw(currentTime = 10, onSeek = vi.fn()) {
  const view = render(<Timeline data={TIMELINE} clips={CLIPS} currentTime={currentTime} onSeek={onSeek} />);
  const svg = screen.getByRole("img");
  return { ...view, svg, onSeek, track: (name: string) => svg.querySelector(`[data-track=${name}]`)! };
}

const attrs = (elements: NodeListOf<Element>, ...names: string[]) =>
  Array.from(elements).map((element) => names.map((name) => element.getAttribute(name)));

describe("Timeline", () => {
  test("draws a cut mark per shot, at its time on a 1000-wide scale", () => {
    const { track } = draw();
    expect(attrs(track("shots").querySelectorAll("line"), "x1", "data-t")).toEqual([
      ["210", "8.4"],
      ["500", "20"],
      ["788", "31.52"],
    ]);
  });

  test("draws the loudness curve between -70 LUFS (bottom) and 0 (top), silences shaded", () => {
    const { track } = draw();
    // The loudness track starts below the shots track (24 high, 8 apart) and is 48 high.
    const d = track("loudness").querySelector("path")!.getAttribute("d");
    const top = 32;
    const y = (lufs: number) => Math.round((top + 48 * (1 - (Math.max(-70, lufs) + 70) / 70)) * 100) / 100;
    expect(d).toBe(`M0,${y(-23.5)}L250,${y(-18)}L500,${y(-70)}L750,${y(-9.2)}L1000,${y(-70)}`);
    expect(attrs(track("silences").querySelectorAll("rect"), "x", "width")).toEqual([
      ["300", "50"],
      ["912.5", "87.5"],
    ]);
  });

  test("draws each spoken word as a block, named on hover", () => {
    const { track } = draw();
    const words = track("words").querySelectorAll("rect");
    expect(attrs(words, "x", "width")).toEqual([
      ["25", "12.5"],
      ["40", "10"],
      ["52.5", "22.5"],
    ]);
    expect(Array.from(words).map((w) => w.querySelector("title")!.textContent)).toEqual(["Walter,", "you're", "wonderful."]);
    fireEvent.mouseEnter(words[2]!);
    expect(screen.getByText("“wonderful.”")).toBeInTheDocument();
  });

  test("faces are bands from the first sample with a face to the next without one", () => {
    expect(presenceBands(TIMELINE.faces!, 40)).toEqual([
      [2, 6],
      [30, 40],
    ]);
    const { track } = draw();
    expect(attrs(track("faces").querySelectorAll("rect"), "x", "width")).toEqual([
      ["50", "100"],
      ["750", "250"],
    ]);
  });

  test("clips are ranges in time order; a click opens the clip, not a seek", () => {
    const { track, onSeek } = draw();
    const clips = track("clips").querySelectorAll("rect");
    expect(attrs(clips, "data-clip", "x", "width")).toEqual([
      ["clip-a", "0", "250"],
      ["clip-b", "500", "250"],
    ]);
    expect(clips[1]!.querySelector("title")!.textContent).toBe("Clip 2: 0:20–0:30, score 0.61");
    fireEvent.click(clips[1]!);
    expect(push).toHaveBeenCalledWith("/clips/detail?id=clip-b");
    expect(onSeek).not.toHaveBeenCalled();
  });

  test("the playhead follows the player, and a click on the timeline seeks", () => {
    const { svg, rerender, onSeek } = draw(10);
    expect(screen.getByTestId("playhead")).toHaveAttribute("x1", "250");
    rerender(<Timeline data={TIMELINE} clips={CLIPS} currentTime={30} onSeek={onSeek} />);
    expect(screen.getByTestId("playhead")).toHaveAttribute("x1", "750");
    svg.getBoundingClientRect = () => ({ left: 100, width: 400, top: 0, height: 200, right: 500, bottom: 200, x: 100, y: 0, toJSON: () => ({}) });
    fireEvent.click(svg, { clientX: 200 });
    expect(onSeek).toHaveBeenCalledWith(10);
  });

  test("says what it shows in one sentence for screen readers", () => {
    const { svg } = draw();
    expect(svg).toHaveAttribute(
      "aria-label",
      "Analysis timeline of 0.7 minutes: 3 shot cuts, 2 silences, 3 spoken words, faces on screen in 2 stretches, 2 clips found.",
    );
  });
});
