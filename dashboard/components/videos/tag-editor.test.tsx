import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, test, vi } from "vitest";
import { parseTags, TagEditor } from "./tag-editor";

const session = vi.hoisted(() => ({ allowed: true }));
vi.mock("@/lib/session", () => ({ useSession: () => ({ can: () => session.allowed }) }));

// The API client keeps the fetch it was created with, so the stub is in place before it loads.
const api = vi.hoisted(() => {
  const state = { sent: [] as unknown[], answer: [200, {}] as [number, unknown] };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input instanceof Request ? input : new Request(String(input));
    state.sent.push(await request.clone().json());
    const [status, body] = state.answer;
    return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  };
  return state;
});

const ASSET = { id: "0b7c1f1e-5a55-4f7e-9b1d-2d6f0f0c0a01", display_name: "keynote.mp4", tags: ["launch"] };

function show() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <TagEditor asset={ASSET as never} />
    </QueryClientProvider>,
  );
}

describe("TagEditor", () => {
  test("tags are read as the API keeps them", () => {
    expect(parseTags("Launch, spring  launch, #Promo")).toEqual(["launch", "spring", "promo"]);
    expect(parseTags(" , ")).toEqual([]);
  });

  test("saving sends the parsed tags and shows what was kept", async () => {
    session.allowed = true;
    api.answer = [200, { ...ASSET, tags: ["launch", "spring"] }];
    show();
    const input = screen.getByLabelText("Tags (separated by commas)");
    expect(screen.getByRole("button", { name: "Save tags" })).toBeDisabled();
    fireEvent.change(input, { target: { value: "Launch, Spring" } });
    fireEvent.click(screen.getByRole("button", { name: "Save tags" }));
    await screen.findByDisplayValue("launch, spring");
    expect(api.sent.at(-1)).toEqual({ tags: ["launch", "spring"] });
  });

  test("a refusal is shown in words", async () => {
    session.allowed = true;
    api.answer = [422, { error: "invalid_input", detail: "A video holds at most 20 tags." }];
    show();
    fireEvent.change(screen.getByLabelText("Tags (separated by commas)"), { target: { value: "a, b" } });
    fireEvent.click(screen.getByRole("button", { name: "Save tags" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("at most 20 tags");
  });

  test("without the right to change videos the tags are only shown", () => {
    session.allowed = false;
    show();
    expect(screen.getByText("launch")).toBeInTheDocument();
    expect(screen.queryByRole("button")).toBeNull();
  });
});
