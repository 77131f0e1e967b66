import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { FakeTusServer } from "./fake-tus-server";
import { UploadPanel } from "./upload-panel";

// The browser build of tus-js-client (what the dashboard bundles), not the Node one.
vi.mock("tus-js-client", async () => await vi.importActual("tus-js-client/lib.esm/browser/index.js"));
vi.mock("next/link", () => ({
  default: ({ href, children, ...props }: { href: string; children: React.ReactNode }) => (
    <a href={href} {...props}>
      {children}
    </a>
  ),
}));

const CHUNK = 100;

function video(name = "interview.mp4", size = 250) {
  return new File([new Uint8Array(size).fill(7)], name, { type: "video/mp4", lastModified: 1_700_000_000_000 });
}

let server: FakeTusServer;

function panel(onUploaded = vi.fn()) {
  const transport = { httpStack: server.stack() };
  const view = render(<UploadPanel workspaceId="ws-1" chunkSize={CHUNK} transport={transport} onUploaded={onUploaded} />);
  return { ...view, onUploaded };
}

async function pick(file: File) {
  await userEvent.upload(screen.getByLabelText("Video files to upload"), file);
}

function progress(name: string): number {
  return Number(screen.getByRole("progressbar", { name: `Upload of ${name}` }).getAttribute("aria-valuenow"));
}

/** The second chunk stays in flight until released or aborted. */
function holdSecondChunk() {
  let patches = 0;
  const original = server.stack();
  server.stack = () => ({
    getName: () => "fake",
    createRequest: (method: string, url: string) => {
      if (method === "PATCH" && ++patches === 2) server.holdNextPatch = true;
      return original.createRequest(method, url);
    },
  });
}

beforeEach(() => {
  server = new FakeTusServer();
  localStorage.clear();
  document.cookie = "stakazo_csrf=csrf-123";
});
afterEach(() => {
  localStorage.clear();
});

describe("UploadPanel", () => {
  test("sends the file in chunks with the session headers, and reports the new asset", async () => {
    const { onUploaded } = panel();
    await pick(video());
    await screen.findByText("Uploaded. Processing starts now.");
    expect(progress("interview.mp4")).toBe(100);
    expect(onUploaded).toHaveBeenCalledWith("asset-up-1");
    expect(screen.getByRole("link", { name: "Open the video" })).toHaveAttribute("href", "/videos/detail?id=asset-up-1");

    expect(server.seen.map((r) => [r.method, r.headers["upload-offset"] ?? null])).toEqual([
      ["POST", null],
      ["PATCH", "0"],
      ["PATCH", "100"],
      ["PATCH", "200"],
    ]);
    const create = server.seen[0]!;
    expect(create.url).toBe(`${window.location.origin}/v1/uploads/tus`);
    expect(create.headers["upload-length"]).toBe("250");
    expect(create.headers["upload-metadata"]).toContain(`filename ${btoa("interview.mp4")}`);
    for (const request of server.seen) {
      expect(request.headers["x-csrf-token"]).toBe("csrf-123");
      expect(request.headers["x-workspace-id"]).toBe("ws-1");
      expect(request.headers["tus-resumable"]).toBe("1.0.0");
    }
    // A finished upload is not remembered for resuming.
    expect(Object.keys(localStorage).filter((key) => key.startsWith("tus::"))).toEqual([]);
  });

  test("pause stops mid-chunk; resume asks the server where it stands and continues from there", async () => {
    holdSecondChunk();
    const { onUploaded } = panel();
    await pick(video());
    await waitFor(() => expect(server.held).not.toBeNull());
    expect(progress("interview.mp4")).toBe(60); // 100 + half of the second chunk, of 250
    expect(screen.getByText(/^Uploading: 60 %/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Pause" }));
    expect(screen.getByText("Paused at 60 %")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Pause" })).toBeNull();
    expect(server.uploads.get("up-1")!.offset).toBe(100); // the aborted chunk was not kept

    await userEvent.click(screen.getByRole("button", { name: "Resume" }));
    await screen.findByText("Uploaded. Processing starts now.");
    expect(screen.getByTestId("resumed")).toHaveTextContent("Resumed from 100 B (40 %) that the server already had.");
    expect(onUploaded).toHaveBeenCalledWith("asset-up-1");
    const after = server.seen.slice(server.seen.findIndex((r) => r.method === "HEAD"));
    expect(after.map((r) => [r.method, r.headers["upload-offset"] ?? null])).toEqual([
      ["HEAD", null],
      ["PATCH", "100"],
      ["PATCH", "200"],
    ]);
  });

  test("after a reload the unfinished upload is listed, and the same file continues from the server's offset", async () => {
    holdSecondChunk();
    const first = panel();
    await pick(video());
    await waitFor(() => expect(server.held).not.toBeNull());
    first.unmount(); // the tab is closed mid-chunk

    const { onUploaded } = panel();
    const list = await screen.findByRole("list", { name: "Unfinished uploads" });
    expect(list).toHaveTextContent("interview.mp4 (250 B, started");
    const before = server.seen.length;
    await pick(video());
    await screen.findByText("Uploaded. Processing starts now.");
    expect(screen.getByTestId("resumed")).toHaveTextContent("Resumed from 100 B (40 %) that the server already had.");
    expect(server.seen.slice(before).map((r) => [r.method, r.headers["upload-offset"] ?? null])).toEqual([
      ["HEAD", null],
      ["PATCH", "100"],
      ["PATCH", "200"],
    ]);
    expect(onUploaded).toHaveBeenCalledWith("asset-up-1");
    await waitFor(() => expect(screen.queryByRole("list", { name: "Unfinished uploads" })).toBeNull());
  });

  test("cancel deletes what the server received and forgets the upload", async () => {
    holdSecondChunk();
    panel();
    await pick(video());
    await waitFor(() => expect(server.held).not.toBeNull());
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByText("Cancelled; the bytes sent were deleted.")).toBeInTheDocument();
    await waitFor(() => expect(server.uploads.size).toBe(0));
    expect(server.seen.at(-1)!.method).toBe("DELETE");
    await waitFor(() => expect(Object.keys(localStorage).filter((key) => key.startsWith("tus::"))).toEqual([]));
  });

  test.each([
    [
      415,
      { error: "container_not_allowed", detail: "Files with '.txt' are not accepted. Upload a video file: mp4, mov." },
      "Not a supported video: Files with '.txt' are not accepted. Upload a video file: mp4, mov.",
    ],
    [
      413,
      { error: "upload_too_large", detail: "The file is larger than this server accepts (100 bytes)." },
      "Too large: The file is larger than this server accepts (100 bytes).",
    ],
    [403, { error: "forbidden", detail: "Your role cannot upload." }, "Not allowed: Your role cannot upload."],
  ])("a refusal with %i is said in words", async (status, body, words) => {
    server.refuseCreate = { status, body };
    panel();
    await pick(video("notes.txt"));
    expect(await screen.findByRole("alert")).toHaveTextContent(words);
    expect(screen.getByText("Stopped")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Resume" })).toBeInTheDocument();
    expect(server.seen.filter((r) => r.method === "POST")).toHaveLength(1); // a refusal is not retried
  });

  test("a dropped file uploads like a chosen one", async () => {
    panel();
    const file = video("dropped.mov", 80);
    await act(async () => {
      const zone = screen.getByTestId("dropzone");
      const event = new Event("drop", { bubbles: true, cancelable: true });
      Object.defineProperty(event, "dataTransfer", { value: { files: [file] } });
      zone.dispatchEvent(event);
    });
    await screen.findByText("Uploaded. Processing starts now.");
    expect(server.seen.map((r) => r.method)).toEqual(["POST", "PATCH"]);
  });
});
