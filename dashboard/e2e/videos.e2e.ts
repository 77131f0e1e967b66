// The videos pages in a real browser: upload the test dialogue over tus and watch it go up, see it
// analysed with its clips and timeline; pause an upload, reload, pick the file again and see it
// continue from the server's offset; and a list of ten thousand videos that stays a window of rows.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  expectAccessible,
  launchBrowser,
  missing,
  newContext,
  OWNER,
  registerOwner,
  ROOT,
  screenshot,
  startStakazo,
  waitFor,
  type Stakazo,
} from "./harness";

const MEDIA = path.join(ROOT, "tests", "fixtures", "media");
const DIALOGUE = path.join(MEDIA, "his_girl_friday_dialogue.mp4");
const PYTHON = path.join(ROOT, ".venv", "bin", "python");
const MiB = 1024 * 1024;

const why = missing();
if (why) console.warn(`browser suite skipped: ${why}`);

/** Sign in through the API in this browser context (the sign-in page has its own suite). */
async function signInByApi(context: BrowserContext, base: string): Promise<string> {
  const response = await context.request.post(`${base}/v1/auth/session`, {
    data: { email: OWNER.email, password: OWNER.password },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  const me = await (await context.request.get(`${base}/v1/auth/me`)).json();
  return me.workspaces[0].workspace_id as string;
}

async function throttle(page: Page, bytesPerSecond: number | null): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond ?? -1,
  });
  return cdp;
}

async function progressOf(page: Page, name: string): Promise<number> {
  const value = await page.getByRole("progressbar", { name: `Upload of ${name}` }).getAttribute("aria-valuenow");
  return Number(value ?? 0);
}

describe.skipIf(why !== null)("videos", () => {
  let stakazo: Stakazo;
  let browser: Browser;
  let context: BrowserContext;
  let workspaceId: string;
  let scratch: string;

  beforeAll(async () => {
    stakazo = await startStakazo("videos");
    browser = await launchBrowser();
    await registerOwner(stakazo.base);
    context = await newContext(browser, stakazo.base);
    workspaceId = await signInByApi(context, stakazo.base);
    scratch = mkdtempSync(path.join(tmpdir(), "stakazo-videos-"));
  });
  afterAll(async () => {
    await browser?.close();
    await stakazo?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test("upload the dialogue, watch it go up, and see it analysed with clips on a drawn timeline", async () => {
    const page = await context.newPage();
    await page.goto("/videos");
    await page.getByText("No videos yet.").waitFor();
    await expectAccessible(page, "videos page, empty");
    await screenshot(page, "videos-empty");

    // Slow enough to see the bar move: the file is half a megabyte.
    const cdp = await throttle(page, 100 * 1024);
    await page.getByLabel("Video files to upload").setInputFiles(DIALOGUE);
    const seen = new Set<number>();
    const said = new Set<string>();
    await waitFor("the upload to finish", async () => {
      seen.add(await progressOf(page, "his_girl_friday_dialogue.mp4"));
      said.add((await page.getByRole("listitem", { name: "Upload of his_girl_friday_dialogue.mp4" }).getByRole("status").textContent()) ?? "");
      return page.getByText("Uploaded. Processing starts now.").isVisible();
    }, 60);
    // The percent and the speed are said in words while it goes up.
    expect([...said].some((text) => /^Uploading: \d+ % at [\d.]+ (B|KB|MB)\/s$/.test(text)), [...said].join(" | ")).toBe(true);
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    const between = [...seen].filter((value) => value > 0 && value < 100);
    expect(between.length, `progress values seen: ${[...seen].join(", ")}`).toBeGreaterThan(0);
    expect(await progressOf(page, "his_girl_friday_dialogue.mp4")).toBe(100);

    // The new asset is in the list.
    const row = page.getByRole("row").filter({ hasText: "his_girl_friday_dialogue.mp4" });
    await row.waitFor();
    await screenshot(page, "videos-uploaded");

    await page.getByRole("link", { name: "Open the video" }).click();
    await page.waitForURL(/\/videos\/detail\?id=/);
    await page.getByRole("heading", { name: "his_girl_friday_dialogue.mp4" }).waitFor();
    await waitFor("the video to be ready", async () => (await page.getByText("Analysed. Its clips are ready to review.").count()) > 0, 240);

    const timeline = page.getByTestId("timeline");
    await timeline.waitFor();
    const clipLinks = page.getByRole("list", { name: "Clips found" }).getByRole("link");
    await waitFor("the clips to be listed", async () => (await clipLinks.count()) > 0, 30);
    const clipCount = await clipLinks.count();
    expect(await timeline.locator("[data-track=clips] rect").count()).toBe(clipCount);
    expect(await timeline.locator("[data-track=loudness] path").getAttribute("d")).toMatch(/^M[\d.]+,[\d.]+L/);
    const label = (await timeline.getAttribute("aria-label")) ?? "";
    expect(label).toMatch(new RegExp(`${clipCount} clips found`));
    const words = await timeline.locator("[data-track=words] rect").count();
    const faces = await timeline.locator("[data-track=faces] rect").count();
    const cuts = await timeline.locator("[data-track=shots] line").count();
    expect(label).toContain(`${cuts} shot cuts`);
    expect(label).toContain(`faces on screen in ${faces} stretches`);
    if (words > 0) expect(label).toContain(`${words} spoken words`);

    // A click on the timeline seeks the player, and the playhead follows.
    const box = (await timeline.boundingBox())!;
    await page.getByLabel("Video his_girl_friday_dialogue.mp4").evaluate(
      (video: HTMLVideoElement) => new Promise((resolve) => (video.readyState >= 1 ? resolve(null) : video.addEventListener("loadedmetadata", resolve, { once: true }))),
    );
    // Clicked through the locator, which finds the timeline where it is at that moment: the
    // best clip's player above it appears when its render lands, and moves it down.
    await timeline.click({ position: { x: box.width / 2, y: 5 } });
    const currentTime = await page.getByLabel("Video his_girl_friday_dialogue.mp4").evaluate((video: HTMLVideoElement) => video.currentTime);
    const duration = await page.getByLabel("Video his_girl_friday_dialogue.mp4").evaluate((video: HTMLVideoElement) => video.duration);
    expect(currentTime).toBeGreaterThan(duration * 0.4);
    expect(currentTime).toBeLessThan(duration * 0.6);
    const x = Number(await page.getByTestId("playhead").getAttribute("x1"));
    expect(x).toBeGreaterThan(400);
    expect(x).toBeLessThan(600);

    await expectAccessible(page, "video detail");
    await screenshot(page, "video-detail");

    // A clip on the list opens its page.
    const href = await clipLinks.first().getAttribute("href");
    expect(href).toMatch(/^\/clips\/detail\?id=[0-9a-f-]{36}$/);
    await page.close();
  });

  test("pause an upload, reload the page, pick the file again: it continues from the server's offset", async () => {
    // Three 5 MiB chunks: after the first the server surely holds bytes, whatever the network does.
    const big = path.join(scratch, "long_interview.mp4");
    const random = Buffer.alloc(12 * MiB);
    for (let i = 0; i < random.length; i += 4) random.writeUInt32LE((Math.random() * 2 ** 32) >>> 0, i);
    writeFileSync(big, Buffer.concat([readFileSync(DIALOGUE), random]));

    const page = await context.newPage();
    await page.goto("/videos");
    await page.getByRole("heading", { name: "All videos" }).waitFor();
    await throttle(page, 2 * MiB);
    await page.getByLabel("Video files to upload").setInputFiles(big);
    await waitFor("the first chunk to be sent", async () => (await progressOf(page, "long_interview.mp4")) >= 50, 60);
    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByText(/^Paused at \d+ %$/).waitFor();

    // What the server has, asked the way the page would after a reload.
    const remembered = await page.evaluate(() =>
      Object.entries(localStorage)
        .filter(([key]) => key.startsWith("tus::"))
        .map(([, value]) => JSON.parse(value) as { uploadUrl: string }),
    );
    expect(remembered).toHaveLength(1);
    const head = await context.request.head(remembered[0]!.uploadUrl, {
      headers: { "Tus-Resumable": "1.0.0", "X-Workspace-Id": workspaceId },
    });
    const serverOffset = Number(head.headers()["upload-offset"]);
    expect(serverOffset).toBeGreaterThanOrEqual(5 * MiB);
    await screenshot(page, "videos-paused");

    await page.reload();
    const unfinished = page.getByRole("list", { name: "Unfinished uploads" });
    await unfinished.getByText("long_interview.mp4").waitFor();
    await expectAccessible(page, "videos page with an unfinished upload");
    await screenshot(page, "videos-unfinished");

    await throttle(page, 4 * MiB);
    await page.getByLabel("Video files to upload").setInputFiles(big);
    const resumed = page.getByTestId("resumed");
    await resumed.waitFor();
    const text = (await resumed.textContent()) ?? "";
    expect(text).toMatch(/^Resumed from [\d.]+ MB \((\d+) %\) that the server already had\.$/);
    expect(Number(/\((\d+) %\)/.exec(text)![1])).toBeGreaterThanOrEqual(Math.floor((serverOffset / (12 * MiB + 515198)) * 100));
    await screenshot(page, "videos-resumed");
    await waitFor("the resumed upload to finish", async () => page.getByText("Uploaded. Processing starts now.").isVisible(), 60);
    expect(await unfinished.count()).toBe(0);
    await page.getByRole("row").filter({ hasText: "long_interview.mp4" }).waitFor();
    await page.close();
  });

  test("ten thousand videos: pages load as the table scrolls, and the DOM holds only a window", async () => {
    execFileSync(PYTHON, [path.join(import.meta.dirname, "seed_assets.py"), stakazo.folder, workspaceId, "10000"], { cwd: ROOT });
    const total = (
      await (await context.request.get(`${stakazo.base}/v1/assets?limit=1&include_total=true`, { headers: { "X-Workspace-Id": workspaceId } })).json()
    ).total as number;
    expect(total).toBeGreaterThanOrEqual(10_000);

    const page = await context.newPage();
    await page.goto("/videos");
    await page.getByText(`${total.toLocaleString("en")} videos`).waitFor();
    const rows = page.locator("tbody tr[data-index]");
    await rows.first().waitFor();
    expect(await rows.count()).toBeLessThan(60);
    await expectAccessible(page, "videos page with ten thousand videos");
    await screenshot(page, "videos-10000");

    const scroller = page.getByTestId("asset-scroller");
    await waitFor(
      "the last video to be loaded",
      async () => {
        await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
        return page.getByText("That is every video.").isVisible();
      },
      180,
    );
    await page.locator(`tbody tr[aria-rowindex="${total + 1}"]`).waitFor();
    expect(await rows.count()).toBeLessThan(60);
    expect(await page.locator("table").getAttribute("aria-rowcount")).toBe(String(total + 1));
    expect(await page.locator("tbody tr[data-index]").last().textContent()).toContain("seeded-00000.mp4");
    await page.close();
  });
});
