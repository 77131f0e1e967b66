import { describe, expect, test } from "vitest";
import {
  activeWordAt,
  captionLineAt,
  clickSelection,
  inRange,
  isSelected,
  outlineShadow,
  presetCss,
  selectRange,
  sourceTime,
  wordPhase,
  type Word,
} from "./logic";

const words: Word[] = [
  { index: 0, text: "Hildy!", start: 0.1, end: 0.8 },
  { index: 1, text: "How", start: 1.0, end: 1.15 },
  { index: 2, text: "are", start: 1.15, end: 1.3 },
  { index: 3, text: "you?", start: 1.3, end: 1.5 },
  { index: 4, text: "Tell", start: 1.6, end: 1.8 },
  { index: 5, text: "me,", start: 1.8, end: 2.0 },
];

describe("word range selection", () => {
  test("a range goes from the anchor to the word, either way", () => {
    expect(selectRange(2, 5)).toEqual({ first: 2, last: 5 });
    expect(selectRange(5, 2)).toEqual({ first: 2, last: 5 });
    expect(selectRange(3, 3)).toEqual({ first: 3, last: 3 });
  });

  test("a click selects one word; shift-click extends from the anchor", () => {
    let selection = clickSelection(null, null, 4, false);
    expect(selection).toEqual({ first: 4, last: 4 });
    selection = clickSelection(selection, 4, 1, true);
    expect(selection).toEqual({ first: 1, last: 4 });
    // Shift-click again moves the far end, the anchor stays.
    expect(clickSelection(selection, 4, 5, true)).toEqual({ first: 4, last: 5 });
    // Shift without an anchor extends the current selection.
    expect(clickSelection({ first: 2, last: 2 }, null, 0, true)).toEqual({ first: 0, last: 2 });
    expect(clickSelection(null, null, 3, true)).toEqual({ first: 3, last: 3 });
  });

  test("membership", () => {
    expect(isSelected({ first: 1, last: 3 }, 1)).toBe(true);
    expect(isSelected({ first: 1, last: 3 }, 3)).toBe(true);
    expect(isSelected({ first: 1, last: 3 }, 4)).toBe(false);
    expect(isSelected(null, 0)).toBe(false);
  });

  test("a word is in the clip when its middle is", () => {
    expect(inRange(words[1]!, 1.0, 1.5)).toBe(true);
    expect(inRange(words[0]!, 0.5, 2)).toBe(false);
    expect(inRange(words[5]!, 1.0, 1.95)).toBe(true);
  });
});

describe("player time to the active word", () => {
  test("source time is the clip's start plus the player's time", () => {
    expect(sourceTime(12.5, 1.25)).toBe(13.75);
  });

  test("the word whose span holds the time; none in a gap or outside", () => {
    expect(activeWordAt(words, 0.1)?.index).toBe(0);
    expect(activeWordAt(words, 0.79)?.index).toBe(0);
    expect(activeWordAt(words, 0.9)).toBeNull();
    expect(activeWordAt(words, 1.15)?.index).toBe(2);
    expect(activeWordAt(words, 1.99)?.index).toBe(5);
    expect(activeWordAt(words, 2.0)).toBeNull();
    expect(activeWordAt(words, -1)).toBeNull();
    expect(activeWordAt([], 1)).toBeNull();
  });

  test("the caption line around the time, words_per_line at a time", () => {
    expect(captionLineAt(words, 0.05, 3)).toEqual([]);
    expect(captionLineAt(words, 0.5, 3).map((w) => w.index)).toEqual([0, 1, 2]);
    // In the gap after "Hildy!" the line stays.
    expect(captionLineAt(words, 0.9, 3).map((w) => w.index)).toEqual([0, 1, 2]);
    expect(captionLineAt(words, 1.35, 3).map((w) => w.index)).toEqual([3, 4, 5]);
    // Long after the last word the line goes.
    expect(captionLineAt(words, 2.4, 3).map((w) => w.index)).toEqual([3, 4, 5]);
    expect(captionLineAt(words, 3, 3)).toEqual([]);
  });

  test("each word's phase", () => {
    expect(wordPhase(words[1]!, 0.5)).toBe("coming");
    expect(wordPhase(words[1]!, 1.05)).toBe("active");
    expect(wordPhase(words[1]!, 1.2)).toBe("spoken");
  });
});

describe("preset to CSS", () => {
  test("size is a share of the player's height; bold, colour, uppercase", () => {
    const css = presetCss({ size: 0.05, bold: true, colour: "#FFFFFF", uppercase: true, font: "DejaVu Sans" }, 640);
    expect(css.line.fontSize).toBe("32px");
    expect(css.line.fontWeight).toBe(700);
    expect(css.line.color).toBe("#FFFFFF");
    expect(css.line.textTransform).toBe("uppercase");
    expect(String(css.line.fontFamily)).toContain("DejaVu Sans");
    expect(presetCss({ bold: false }, 640).line.fontWeight).toBe(400);
  });

  test("positions", () => {
    expect(presetCss({ position: "centre" }, 600).container.top).toBe("50%");
    expect(presetCss({ position: "lower" }, 600).container.bottom).toBe("22%");
    expect(presetCss({ position: "lower-third" }, 600).container.bottom).toBe("12%");
  });

  test("an outline is a text-shadow ring in the outline colour; a box is a background", () => {
    const outlined = presetCss({ size: 0.05, outline: 0.1, outline_colour: "#000000" }, 600);
    expect(outlined.line.textShadow).toContain("#000000");
    expect(String(outlined.line.textShadow).split(",").length).toBe(8);
    const boxed = presetCss({ box: true, outline: 0 }, 600);
    expect(boxed.line.backgroundColor).toMatch(/rgba/);
    expect(boxed.line.textShadow).toBe("none");
    expect(outlineShadow(0, "#000")).toBe("none");
  });

  test("highlight colours the active word; karaoke the spoken words too; none neither", () => {
    expect(presetCss({ animation: "highlight", highlight_colour: "#FFD400" }, 600).active.color).toBe("#FFD400");
    expect(presetCss({ animation: "highlight" }, 600).spoken.color).toBeUndefined();
    const karaoke = presetCss({ animation: "karaoke", highlight_colour: "#22D3EE" }, 600);
    expect(karaoke.active.color).toBe("#22D3EE");
    expect(karaoke.spoken.color).toBe("#22D3EE");
    expect(presetCss({ animation: "none" }, 600).active.color).toBeUndefined();
  });
});
