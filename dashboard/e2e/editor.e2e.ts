// The clip editor in a real browser: a seeded clip of the His Girl Friday dialogue (word times,
// a rendered TikTok variant) opened from its page; words selected and the clip trimmed to them,
// an edit the server refuses shown in its words, a word fixed, a caption preset previewed and
// applied; each edit a new version, whose render the worker runs and the player then plays. Then
// pauses shortened (a cut marker), the edges dragged on the timeline (keys, mouse), a split, a merge.
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ROOT,
  expectAccessible,
  launchBrowser,
  missing,
  newContext,
  registerOwner,
  OWNER,
  screenshot,
  startStakazo,
  waitFor,
  type Stakazo,
} from "./harness";

const why = missing();
if (why) console.warn(`browser suite skipped: ${why}`);

type Json = Record<string, unknown>;

/** The id in the editor's address. */
function editedId(page: Page): string {
  return new URL(page.url()).searchParams.get("id") ?? "";
}

async function videoState(page: Page): Promise<{ src: string; readyState: number; currentTime: number; paused: boolean }> {
  return page.getByTestId("editor-video").evaluate((video: HTMLVideoElement) => ({
    src: video.currentSrc,
    readyState: video.readyState,
    currentTime: video.currentTime,
    paused: video.paused,
  }));
}

describe.skipIf(why !== null)("the clip editor", () => {
  let stakazo: Stakazo;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let workspaceId: string;
  let clipId: string;

  const api = async (url: string): Promise<Json & { items?: Json[] }> => {
    const response = await context.request.get(url, { headers: { "X-Workspace-Id": workspaceId } });
    if (!response.ok()) throw new Error(`GET ${url} answered ${response.status()}: ${await response.text()}`);
    return (await response.json()) as Json & { items?: Json[] };
  };

  /** Wait for the editor to show version `n`, and return its clip id. */
  const version = async (n: number): Promise<string> => {
    const current = page.getByRole("list", { name: "Versions, newest first" }).locator('a[aria-current="page"]');
    await waitFor(`version ${n} in the editor`, async () => {
      const header = (await page.locator("h1 + p").textContent()) ?? "";
      const listed = (await current.count()) === 1 ? ((await current.textContent()) ?? "") : "";
      return header.startsWith(`Version ${n} · `) && listed.startsWith(`Version ${n}`);
    }, 30);
    return editedId(page);
  };

  beforeAll(async () => {
    stakazo = await startStakazo("editor");
    browser = await launchBrowser();
    await registerOwner(stakazo.base);
    context = await newContext(browser, stakazo.base);
    page = await context.newPage();
    const session = await context.request.post("/v1/auth/session", { data: { email: OWNER.email, password: OWNER.password } });
    expect(session.ok(), await session.text()).toBe(true);
    const me = (await (await context.request.get("/v1/auth/me")).json()) as { workspaces: { workspace_id: string }[] };
    workspaceId = me.workspaces[0]!.workspace_id;
    clipId = seed();
  });
  /** A new clip of the dialogue (0–6 s; with `copy`, of another asset), rendered for TikTok; its id. */
  const seed = (copy = "") =>
    execFileSync(path.join(ROOT, ".venv", "bin", "python"), [path.join(ROOT, "dashboard", "e2e", "seed_editor.py"), stakazo.folder, workspaceId, copy], {
      cwd: ROOT,
      env: { ...process.env, PYTHONPATH: ROOT },
      encoding: "utf8",
    }).trim();
  afterAll(async () => {
    await browser?.close();
    await stakazo?.stop();
  });

  test("trim by words, fix a word, apply a preset; the new version renders and plays", async () => {
    // From the clip's page to its editor.
    await page.goto(`/clips/detail?id=${clipId}`);
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await page.getByRole("heading", { name: /^Edit clip #1 of his_girl_friday_dialogue\.mp4/ }).waitFor();
    expect(editedId(page)).toBe(clipId);
    await version(1);
    const transcript = page.getByRole("group", { name: "Transcript words" });
    await transcript.getByRole("button", { name: "universe" }).waitFor();
    expect(await transcript.getByRole("button").count()).toBe(27);
    // The seeded render plays in the player; the preview overlay draws the words at its time.
    await waitFor("the seeded video to load", async () => (await videoState(page)).readyState >= 2, 30);
    await page.getByRole("radio", { name: /Bold centred/ }).check();
    await transcript.getByRole("button", { name: "lord" }).click();
    await waitFor("the player at “lord”", async () => Math.abs((await videoState(page)).currentTime - 2.2) < 0.3, 10);
    await waitFor("the caption preview of “lord”", async () => ((await page.getByTestId("caption-overlay").textContent()) ?? "").includes("lord"), 10);
    await expectAccessible(page, "clip editor");
    await screenshot(page, "editor");

    // A drag over the words selects them.
    const box = async (name: string) => (await transcript.getByRole("button", { name, exact: true }).boundingBox())!;
    const from = await box("Tell");
    const to = await box("lord");
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.getByText("5 words selected").waitFor();

    // Select "How" … "humor" (a click, then shift-click) and trim the clip to them.
    await transcript.getByRole("button", { name: "How", exact: true }).click();
    await transcript.getByRole("button", { name: "humor" }).click({ modifiers: ["Shift"] });
    await page.getByText("20 words selected").waitFor();
    expect(await transcript.getByRole("button", { name: "Tell" }).getAttribute("aria-pressed")).toBe("true");
    await page.getByRole("button", { name: "Trim to selection" }).click();
    const v2 = await version(2);
    await page.getByRole("status").filter({ hasText: "Version 2 made" }).waitFor();
    expect(v2).not.toBe(clipId);
    const trimmed = await api(`/v1/clips/${v2}`);
    expect(Number(trimmed.start_seconds)).toBeGreaterThan(0.5);
    expect(Number(trimmed.end_seconds)).toBeLessThan(4.5);
    // Words outside the new range are gone from its transcript.
    await transcript.getByRole("button", { name: "How", exact: true }).waitFor();
    expect(await transcript.getByRole("button", { name: "Somebody" }).count()).toBe(0);

    // An edit the server refuses (a clip shorter than a second) is shown in its words.
    await transcript.getByRole("button", { name: "bad" }).click();
    await page.getByRole("button", { name: "Trim to selection" }).click();
    await page.getByRole("alert").filter({ hasText: /at least 1 s/ }).waitFor();
    expect(editedId(page)).toBe(v2);

    // Fix a word: double-click, type, Enter.
    await transcript.getByRole("button", { name: "humor" }).dblclick();
    const input = page.getByRole("textbox", { name: /Fix the word “humor”/ });
    await input.fill("humour");
    await input.press("Enter");
    const v3 = await version(3);
    await transcript.getByRole("button", { name: "humour" }).waitFor();
    expect(String((await api(`/v1/clips/${v3}`)).transcript)).toContain("humour");

    // Pick a preset: the preview follows at once; apply it.
    await page.getByRole("radio", { name: /Karaoke/ }).check();
    await transcript.getByRole("button", { name: "universe" }).click();
    await waitFor("the karaoke preview", async () =>
      page.getByTestId("caption-overlay").locator("[data-active]").evaluate((span) => getComputedStyle(span).color === "rgb(34, 211, 238)"),
    10);
    await page.getByRole("button", { name: "Apply preset" }).click();
    const v4 = await version(4);
    expect((await api(`/v1/clips/${v4}`)).caption_preset).toBe("karaoke");
    await page.getByRole("radio", { name: /Karaoke.*\(current\)/ }).waitFor();

    // The server asked for the new version's render: its progress, then the new video plays.
    await page.getByRole("progressbar", { name: /Rendering TikTok/ }).waitFor({ timeout: 30_000 });
    await screenshot(page, "editor-rendering");
    const variant = await waitFor(
      "the new version's render",
      async () => {
        const found = (await api(`/v1/clips/${v4}/variants`)).items ?? [];
        if (found.some((v) => v.state === "failed")) throw new Error(`a render failed: ${JSON.stringify(found)}`);
        return found.find((v) => v.state === "ready" && v.video_url);
      },
      200,
    );
    const wanted = new URL(String(variant.video_url), stakazo.base).pathname;
    await waitFor(
      "the player to play the new render",
      async () => {
        const state = await videoState(page);
        return new URL(state.src).pathname === wanted && state.readyState >= 2 && !state.paused && state.currentTime > 0.2;
      },
      60,
    );
    await expectAccessible(page, "clip editor after the edits");
    await screenshot(page, "editor-rendered");

    // Edited elsewhere in the meantime (version 5 through the API): an edit here is refused
    // with the server's words, and the page says this version is no longer the latest.
    const csrf = decodeURIComponent((await context.cookies()).find((c) => c.name === "stakazo_csrf")?.value ?? "");
    const elsewhere = await context.request.post(`/v1/clips/${v4}/versions`, {
      headers: { "X-CSRF-Token": csrf, "X-Workspace-Id": workspaceId },
      data: { caption_preset: "lower-third" },
    });
    expect(elsewhere.status(), await elsewhere.text()).toBe(201);
    await page.getByRole("radio", { name: /Word by word highlight/ }).check();
    await page.getByRole("button", { name: "Apply preset" }).click();
    await page.getByRole("alert").filter({ hasText: /no longer the latest/ }).waitFor();
    await page.getByRole("note").filter({ hasText: "not the latest" }).waitFor();
    expect(editedId(page)).toBe(v4);

    // The versions, newest first; an old one is read-only.
    const versions = page.getByRole("list", { name: "Versions, newest first" });
    await versions.getByRole("link", { name: /^Version 5 \(latest\)/ }).waitFor();
    expect((await versions.getByRole("link").allTextContents()).map((t) => t.split(" ·")[0])).toEqual([
      "Version 5 (latest)",
      "Version 4",
      "Version 3",
      "Version 2",
      "Version 1",
    ]);
    await versions.getByRole("link", { name: /^Version 1/ }).click();
    await version(1);
    await page.getByRole("note").filter({ hasText: "not the latest" }).waitFor();
    expect(await page.getByRole("button", { name: "Trim to selection" }).count()).toBe(0);
    // The workspace's caption brand: previewed while edited, then offered as a preset.
    const brand = page.locator("form").filter({ has: page.getByRole("button", { name: "Save brand" }) });
    await transcript.getByRole("button", { name: "lord" }).click();
    await brand.getByLabel("Position").selectOption("lower-third");
    await waitFor("the overlay to follow the brand's draft", async () => (await page.getByTestId("caption-overlay").getAttribute("style"))?.includes("bottom: 12%"), 10);
    await screenshot(page, "editor-brand");
    await brand.getByRole("button", { name: "Save brand" }).click();
    await brand.getByRole("status").filter({ hasText: "Brand saved." }).waitFor();
    await page.getByRole("radio", { name: "Brand" }).waitFor();
    expect((await api("/v1/caption-brand")).brand).toMatchObject({ position: "lower-third" });
    await expectAccessible(page, "an old version");
    await screenshot(page, "editor-old-version");
  });

  test("shorten pauses, drag the end with the keyboard and the start with the mouse, split at the playhead, merge back", async () => {
    const clip = seed("second");
    await page.goto(`/clips/edit?id=${clip}`);
    await version(1);
    const transcript = page.getByRole("group", { name: "Transcript words" });
    await transcript.getByRole("button", { name: "Somebody" }).waitFor();
    expect(await transcript.getByRole("img", { name: /^cut / }).count()).toBe(0);
    await expectAccessible(page, "the editor's timeline and tighten tools");

    // The dialogue has no filler words: the server says so, and no version is made.
    await page.getByRole("button", { name: "Remove filler words" }).click();
    await page.getByRole("alert").filter({ hasText: /The edit was not saved: No filler words/ }).waitFor();
    expect(editedId(page)).toBe(clip);

    // Shorten pauses: the 0.37 s gap before "Somebody" keeps 0.1 s; the cut shows between the words.
    await page.getByLabel("Keep of each pause (s)").fill("0.1");
    await page.getByRole("button", { name: "Shorten pauses" }).click();
    const v2 = await version(2);
    await page.getByRole("status").filter({ hasText: "pauses shortened to 0.1 s" }).waitFor();
    const shortened = await api(`/v1/clips/${v2}`);
    const removed = shortened.removed as [number, number][];
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.some(([a, b]) => a >= 4.2 && b <= 4.6 && b - a > 0.2)).toBe(true);
    const span = Number(shortened.end_seconds) - Number(shortened.start_seconds);
    expect(Number(shortened.duration_seconds)).toBeLessThan(span - 0.2);
    const marker = transcript.getByRole("img", { name: "cut 0.3 s" });
    await marker.waitFor();
    // The marker sits between "humor" and "Somebody".
    const humor = (await transcript.getByRole("button", { name: "humor" }).boundingBox())!;
    const markerBox = (await marker.boundingBox())!;
    const somebody = (await transcript.getByRole("button", { name: "Somebody" }).boundingBox())!;
    expect(markerBox.x > humor.x || markerBox.y > humor.y).toBe(true);
    expect(markerBox.x < somebody.x || markerBox.y < somebody.y).toBe(true);
    await page.locator("h1 + p").filter({ hasText: /plays \d+\.\d+ s of its \d+\.\d+ s span \(\d+ cuts?\)/ }).waitFor();
    await expectAccessible(page, "a version with cuts");
    await screenshot(page, "editor-cuts");

    // Drag the end with the keyboard: 1.2 s earlier, applied with Enter; the server snaps it.
    const end = page.getByRole("slider", { name: "Clip end" });
    expect(Number(await end.getAttribute("aria-valuenow"))).toBeCloseTo(Number(shortened.end_seconds), 2);
    await end.focus();
    for (let i = 0; i < 12; i++) await end.press("ArrowLeft");
    expect(Number(await end.getAttribute("aria-valuenow"))).toBeCloseTo(Number(shortened.end_seconds) - 1.2, 2);
    await screenshot(page, "editor-drafted-end");
    await end.press("Enter");
    const v3 = await version(3);
    const ended = await api(`/v1/clips/${v3}`);
    expect(Number(ended.end_seconds)).toBeLessThan(Number(shortened.end_seconds) - 0.8);
    expect(Number(ended.start_seconds)).toBe(Number(shortened.start_seconds));
    // The slider shows where the server put the end.
    await waitFor("the end handle at the snapped end", async () => Math.abs(Number(await end.getAttribute("aria-valuenow")) - Number(ended.end_seconds)) < 0.001, 10);

    // Drag the start with the mouse to 0.6 s, inside "Hildy!": the server moves it out of the word.
    const start = page.getByRole("slider", { name: "Clip start" });
    const strip = (await page.getByTestId("timeline").boundingBox())!;
    const [from, to] = [Number(await start.getAttribute("aria-valuemin")), Number(await end.getAttribute("aria-valuemax"))];
    const handle = (await start.boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(strip.x + (strip.width * (0.6 - from)) / (to - from), handle.y + handle.height / 2, { steps: 6 });
    expect(Number(await start.getAttribute("aria-valuenow"))).toBeCloseTo(0.6, 0);
    await page.mouse.up();
    const v4 = await version(4);
    const started = await api(`/v1/clips/${v4}`);
    expect(Number(started.start_seconds)).toBeGreaterThan(0.5);
    expect(Number(started.start_seconds)).toBeLessThan(1.05);
    expect(Number(started.end_seconds)).toBe(Number(ended.end_seconds));
    await waitFor("the start handle at the snapped start", async () => Math.abs(Number(await start.getAttribute("aria-valuenow")) - Number(started.start_seconds)) < 0.001, 10);

    // Split at the playhead: play from "Yes" (3.05 s), split; the page goes to the first part.
    await transcript.getByRole("button", { name: "Yes," }).click();
    await page.getByRole("button", { name: /^Split at the playhead \(3\.\d s\)/ }).click();
    const second = page.getByRole("status").getByRole("link", { name: /^Edit the second part/ });
    await second.waitFor({ timeout: 30_000 });
    await waitFor("the first part's editor", async () => editedId(page) !== v4, 30);
    const first = await api(`/v1/clips/${editedId(page)}`);
    const secondId = new URL(String(await second.getAttribute("href")), stakazo.base).searchParams.get("id")!;
    const other = await api(`/v1/clips/${secondId}`);
    expect(Number(first.start_seconds)).toBe(Number(started.start_seconds));
    expect(Number(first.end_seconds)).toBeGreaterThan(2.9);
    expect(Number(first.end_seconds)).toBeLessThan(3.2);
    expect(Number(other.start_seconds)).toBe(Number(first.end_seconds));
    expect(Number(other.end_seconds)).toBe(Number(ended.end_seconds));
    await page.getByRole("heading", { name: /^Edit clip/ }).waitFor();
    await expectAccessible(page, "the first part of a split");
    await screenshot(page, "editor-split");

    // Merge the first part with the next clip (the second part): one clip spanning both again.
    const firstId = editedId(page);
    await page.getByRole("button", { name: /^Merge with the next clip/ }).click();
    await waitFor("the merged clip's editor", async () => editedId(page) !== firstId, 30);
    await page.getByRole("status").filter({ hasText: "Merged with the next clip" }).waitFor();
    const merged = await api(`/v1/clips/${editedId(page)}`);
    expect(Number(merged.start_seconds)).toBe(Number(first.start_seconds));
    expect(Number(merged.end_seconds)).toBe(Number(other.end_seconds));
    await transcript.getByRole("button", { name: "Yes," }).waitFor();
    await expectAccessible(page, "a merged clip");
    await screenshot(page, "editor-merged");
  });
});
