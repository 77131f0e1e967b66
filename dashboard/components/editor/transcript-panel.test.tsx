import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, test, vi } from "vitest";
import type { Selection, Word } from "./logic";
import { TranscriptWords } from "./transcript-panel";

const words: Word[] = ["How", "are", "you?", "Tell", "me,"].map((text, index) => ({ index, text, start: 1 + index * 0.2, end: 1.18 + index * 0.2 }));

function Harness({ onSeek, onFix, editable = true }: { onSeek: (w: Word) => void; onFix: (i: number, t: string) => void; editable?: boolean }) {
  const [selection, setSelection] = useState<Selection | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  return (
    <>
      <TranscriptWords
        words={words}
        start={1.1}
        end={1.7}
        activeIndex={null}
        selection={selection}
        onSelect={setSelection}
        onSeek={onSeek}
        editable={editable}
        editing={editing}
        onEdit={setEditing}
        onFix={onFix}
        busy={false}
      />
      <output>{selection ? `${selection.first}-${selection.last}` : "none"}</output>
    </>
  );
}

const pressed = () =>
  screen
    .getAllByRole("button")
    .filter((b) => b.getAttribute("aria-pressed") === "true")
    .map((b) => b.textContent);

describe("the transcript's words", () => {
  test("a click seeks and selects the word; shift-click selects the range", async () => {
    const onSeek = vi.fn();
    const user = userEvent.setup();
    render(<Harness onSeek={onSeek} onFix={vi.fn()} />);
    await user.click(screen.getByRole("button", { name: "are" }));
    expect(onSeek).toHaveBeenLastCalledWith(words[1]);
    expect(pressed()).toEqual(["are"]);
    await user.keyboard("{Shift>}");
    await user.click(screen.getByRole("button", { name: "Tell" }));
    await user.keyboard("{/Shift}");
    expect(pressed()).toEqual(["are", "you?", "Tell"]);
    expect(screen.getByRole("status")).toHaveTextContent("1-3");
  });

  test("words outside the clip are marked; the keyboard selects with shift+arrows", async () => {
    const user = userEvent.setup();
    render(<Harness onSeek={vi.fn()} onFix={vi.fn()} />);
    expect(screen.getByRole("button", { name: "How" })).toHaveAttribute("title", expect.stringContaining("outside the clip"));
    expect(screen.getByRole("button", { name: "are" })).toHaveAttribute("title", expect.not.stringContaining("outside"));
    screen.getByRole("button", { name: "are" }).focus();
    await user.keyboard("{Enter}");
    await user.keyboard("{Shift>}{ArrowRight}{ArrowRight}{/Shift}");
    expect(pressed()).toEqual(["are", "you?", "Tell"]);
    expect(screen.getByRole("button", { name: "Tell" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(pressed()).toEqual([]);
  });

  test("double-click opens the word's input; Enter sends the fix, Escape cancels", async () => {
    const onFix = vi.fn();
    const user = userEvent.setup();
    render(<Harness onSeek={vi.fn()} onFix={onFix} />);
    await user.dblClick(screen.getByRole("button", { name: "you?" }));
    const input = screen.getByRole("textbox", { name: /Fix the word “you\?”/ });
    expect(input).toHaveFocus();
    await user.clear(input);
    await user.type(input, "ya?{Enter}");
    expect(onFix).toHaveBeenCalledWith(2, "ya?");
    // F2 on a focused word, then Escape: nothing sent.
    onFix.mockClear();
    screen.getByRole("button", { name: "me," }).focus();
    await user.keyboard("{F2}");
    await user.keyboard("{Escape}");
    expect(onFix).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "me," })).toHaveFocus();
  });

  test("read-only: no input on double-click", async () => {
    const user = userEvent.setup();
    render(<Harness onSeek={vi.fn()} onFix={vi.fn()} editable={false} />);
    await user.dblClick(screen.getByRole("button", { name: "you?" }));
    expect(screen.queryByRole("textbox")).toBeNull();
  });
});
