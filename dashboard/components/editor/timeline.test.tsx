import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import { Timeline } from "./timeline";
import { TranscriptWords } from "./transcript-panel";
import type { Word } from "./logic";

const words: Word[] = ["Yes,", "humor", "Somebody"].map((text, index) => ({ index, text, start: 3 + index * 0.6, end: 3.5 + index * 0.6 }));

function strip(onCommit = vi.fn(), editable = true) {
  render(
    <Timeline words={words} cuts={[3.2]} removed={[[4.2, 4.4]]} start={3} end={5} view={[2, 6]} now={3.1} editable={editable} busy={false} onCommit={onCommit} />,
  );
  return onCommit;
}

describe("the timeline's handles", () => {
  test("arrows move a handle by 0.1 s (shift: 1 s); Enter applies it once, blur does not send it again", async () => {
    const onCommit = strip();
    const end = screen.getByRole("slider", { name: "Clip end" });
    expect(end).toHaveAttribute("aria-valuenow", "5");
    end.focus();
    await userEvent.keyboard("{ArrowLeft}{ArrowLeft}{ArrowLeft}");
    expect(end).toHaveAttribute("aria-valuenow", "4.7");
    expect(end.getAttribute("aria-valuetext")).toMatch(/^4\.7 s \(Enter applies/);
    await userEvent.keyboard("{Shift>}{ArrowLeft}{/Shift}");
    expect(end).toHaveAttribute("aria-valuenow", "3.7");
    await userEvent.keyboard("{Enter}");
    expect(onCommit).toHaveBeenCalledExactlyOnceWith("end", 3.7);
    fireEvent.blur(end);
    expect(onCommit).toHaveBeenCalledTimes(1);
  });

  test("Escape puts a handle back; leaving a moved handle applies it; handles never cross", async () => {
    const onCommit = strip();
    const start = screen.getByRole("slider", { name: "Clip start" });
    start.focus();
    await userEvent.keyboard("{ArrowRight}{Escape}");
    expect(start).toHaveAttribute("aria-valuenow", "3");
    await userEvent.keyboard("{End}");
    expect(start).toHaveAttribute("aria-valuenow", "4.9");
    await userEvent.tab();
    expect(onCommit).toHaveBeenCalledExactlyOnceWith("start", 4.9);
  });

  test("read-only: the handles are not focusable and send nothing", () => {
    const onCommit = strip(vi.fn(), false);
    const end = screen.getByRole("slider", { name: "Clip end" });
    expect(end).toHaveAttribute("tabindex", "-1");
    fireEvent.keyDown(end, { key: "ArrowLeft" });
    fireEvent.blur(end);
    expect(end).toHaveAttribute("aria-valuenow", "5");
    expect(onCommit).not.toHaveBeenCalled();
  });
});

describe("cut markers in the transcript", () => {
  test("a marker sits between the words around each removed stretch", () => {
    render(
      <TranscriptWords
        words={words}
        start={3}
        end={5}
        activeIndex={null}
        selection={null}
        onSelect={() => undefined}
        onSeek={() => undefined}
        editable
        editing={null}
        onEdit={() => undefined}
        onFix={() => undefined}
        busy={false}
        removed={[[4.11, 4.19]]}
      />,
    );
    const group = screen.getByRole("group", { name: "Transcript words" });
    const labels = [...group.querySelectorAll("button, [role=img]")].map((element) => element.getAttribute("aria-label") ?? element.textContent);
    expect(labels).toEqual(["Yes,", "humor", "cut 0.08 s", "Somebody"]);
    expect(screen.getByRole("img", { name: "cut 0.08 s" })).toHaveAttribute("title", "cut 0.08 s");
  });
});
