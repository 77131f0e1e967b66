// Clips and jobs in a real browser: a video uploaded through the API becomes clips; the grid's
// previews play; a clip's page draws its score, takes a caption and renders variants with
// progress; three sandbox accounts get it published; the jobs page shows the work and cancels.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { APIRequestContext, Browser, BrowserContext, Page } from "playwright-core";
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

const VIDEO = path.join(ROOT, "tests", "fixtures", "media", "his_girl_friday_dialogue.mp4");
const PLATFORMS = ["instagram", "tiktok", "youtube"] as const;

/** Twenty minutes of tiny pictures and a tone: its processing runs for many seconds (the sound
 * alone is read in real time divided by a few hundred), long enough to cancel it from the page
 * on any machine, where the 6-second fixture is analysed before the page has reloaded. */
function longVideo(folder: string): string {
  const file = path.join(folder, "twenty-minutes.mp4");
  execFileSync("ffmpeg", [
    "-v", "error", "-y",
    "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=5:duration=1200",
    "-f", "lavfi", "-i", "sine=frequency=440:duration=1200:sample_rate=48000",
    "-c:v", "libx264", "-preset", "ultrafast", "-crf", "40", "-c:a", "aac", "-b:a", "24k", "-shortest", file,
  ], { timeout: 120_000 });
  return file;
}

const why = missing();
if (why) console.warn(`browser suite skipped: ${why}`);

type Json = Record<string, unknown> & { items?: Record<string, unknown>[]; total?: number };

/** The API as the signed-in browser: its cookies, CSRF token and workspace. */
class Api {
  constructor(
    private readonly context: BrowserContext,
    private readonly workspaceId: string,
  ) {}

  private get request(): APIRequestContext {
    return this.context.request;
  }

  private async headers(): Promise<Record<string, string>> {
    const csrf = (await this.context.cookies()).find((c) => c.name === "stakazo_csrf")?.value ?? "";
    return { "X-CSRF-Token": decodeURIComponent(csrf), "X-Workspace-Id": this.workspaceId };
  }

  async get(url: string): Promise<Json> {
    const response = await this.request.get(url, { headers: await this.headers() });
    if (!response.ok()) throw new Error(`GET ${url} answered ${response.status()}: ${await response.text()}`);
    return (await response.json()) as Json;
  }

  async post(url: string, body: unknown = {}): Promise<Json> {
    const response = await this.request.post(url, { headers: await this.headers(), data: body });
    if (!response.ok()) throw new Error(`POST ${url} answered ${response.status()}: ${await response.text()}`);
    return (await response.json()) as Json;
  }

  async upload(file: string): Promise<Json> {
    const response = await this.request.post("/v1/upload", {
      headers: await this.headers(),
      multipart: { file: { name: path.basename(file), mimeType: "video/mp4", buffer: readFileSync(file) } },
    });
    if (response.status() !== 201) throw new Error(`upload answered ${response.status()}: ${await response.text()}`);
    return (await response.json()) as Json;
  }
}

async function playing(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((video: HTMLVideoElement) => !video.paused && video.currentTime > 0.2);
}

describe.skipIf(why !== null)("clips and jobs", () => {
  let stakazo: Stakazo;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: Api;
  let assetId: string;
  let clipId: string;

  beforeAll(async () => {
    stakazo = await startStakazo("clips");
    browser = await launchBrowser();
    await registerOwner(stakazo.base);
    context = await newContext(browser, stakazo.base);
    page = await context.newPage();
    // Signed in through the API (the sign-in page has its own suite): the context keeps the cookies.
    const session = await context.request.post("/v1/auth/session", { data: { email: OWNER.email, password: OWNER.password } });
    expect(session.ok(), await session.text()).toBe(true);
    const me = (await (await context.request.get("/v1/auth/me")).json()) as { workspaces: { workspace_id: string }[] };
    api = new Api(context, me.workspaces[0]!.workspace_id);
    assetId = String((await api.upload(VIDEO)).id);
    const clips = await waitFor(
      "clips of the uploaded video",
      async () => {
        const found = await api.get(`/v1/clips?asset_id=${assetId}`);
        return (found.items ?? []).length > 0 ? found : null;
      },
      240,
    );
    clipId = String(clips.items![0]!.id);
  });
  afterAll(async () => {
    await browser?.close();
    await stakazo?.stop();
  });

  test("the grid shows the clips, and a preview plays on hover and with its button", async () => {
    await page.goto("/clips");
    await page.getByRole("heading", { name: "Clips" }).waitFor();
    const cards = page.getByRole("article");
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThan(0);
    await expect(cards.first().textContent()).resolves.toContain("his_girl_friday_dialogue.mp4");
    const first = page.locator("article video").first();
    await cards.first().hover();
    await waitFor("the hovered preview to play", () => playing(page, "article video >> nth=0"), 20);
    await page.mouse.move(0, 0);
    await waitFor("the preview to pause when the pointer leaves", () => first.evaluate((v: HTMLVideoElement) => v.paused), 10);
    // The play button plays it too (keyboard and touch).
    await cards.first().getByRole("button", { name: /^Play clip/ }).click();
    await waitFor("the preview to play from its button", () => playing(page, "article video >> nth=0"), 20);
    await expectAccessible(page, "clips");
    await screenshot(page, "clips");
    // The filters reach the API: a status nothing has yet shows the empty state.
    await page.getByLabel("Status").selectOption("rejected");
    await page.getByText("No clips match").waitFor();
    await page.getByLabel("Status").selectOption("");
    await cards.first().waitFor();
  });

  test("a clip's page: the chart of contributions, the caption, variants rendered with progress", async () => {
    await page.goto(`/clips/detail?id=${clipId}`);
    await page.getByRole("heading", { name: /^Clip #1 of / }).waitFor();
    await page.getByRole("img", { name: /Contribution of each feature to the .* score/ }).waitFor();
    await waitFor("the chart's bars", async () => (await page.locator(".recharts-bar-rectangle").count()) > 0, 20);
    await page.getByRole("group", { name: "Platform" }).getByRole("button", { name: "YouTube", exact: true }).click();
    await page.getByRole("img", { name: "Contribution of each feature to the YouTube score" }).waitFor();
    await expect(page.getByRole("rowheader", { name: "Hook" }).isVisible()).resolves.toBe(true);

    const caption = "Hildy quits the paper — or does she? #screwball";
    await page.getByLabel(/Written once, offered for every platform/).fill(caption);
    await page.getByRole("button", { name: "Save caption" }).click();
    await page.getByRole("status").filter({ hasText: "Saved" }).waitFor();
    expect((await api.get(`/v1/clips/${clipId}`)).caption).toBe(caption);

    await page.getByRole("button", { name: "Render all platforms" }).click();
    await page.getByRole("progressbar", { name: /Rendering for/ }).first().waitFor({ timeout: 15_000 });
    await screenshot(page, "clip-detail-rendering");
    for (const name of ["TikTok", "Instagram", "YouTube"]) {
      await page.getByRole("button", { name: `Render again for ${name}` }).waitFor({ timeout: 200_000 });
    }
    await expectAccessible(page, "clip detail");
    await screenshot(page, "clip-detail");
  });

  test("three sandbox accounts, then the clip approved in the browser reaches published on all three", async () => {
    for (const platform of PLATFORMS) {
      const started = await api.post(`/v1/accounts/connect/${platform}`, { return_to: "/clips" });
      await page.goto(String(started.authorize_url));
      await page.locator('input[name="username"]').fill(`acme_${platform}`);
      await page.getByRole("button", { name: "Allow" }).click();
      await waitFor(`the ${platform} account`, async () => {
        const accounts = await api.get("/v1/accounts");
        return accounts.items!.some((a) => a.platform === platform && a.status === "connected");
      });
    }
    await page.goto(`/clips/detail?id=${clipId}`);
    await page.getByRole("button", { name: "Approve and publish" }).click();
    const dialog = page.getByRole("dialog", { name: "Approve and publish" });
    await dialog.waitFor();
    expect(await dialog.getByLabel(/^Caption/).inputValue()).toContain("Hildy quits the paper");
    for (const label of [/^Instagram · @/, /^TikTok · @/, /^YouTube · @/]) {
      await dialog.getByRole("checkbox", { name: label }).check();
    }
    // Sending without the choices each platform requires is stopped, in words.
    await dialog.getByRole("button", { name: "Approve and publish" }).click();
    await dialog.getByText("Choose who can watch the video on TikTok.").waitFor();
    await dialog.getByText("Say whether the video is made for kids.").waitFor();
    await expectAccessible(page, "publish dialog");
    await dialog.getByLabel("Who can watch this video").selectOption("PUBLIC_TO_EVERYONE");
    await dialog.getByRole("radio", { name: "No, it is not made for kids" }).check();
    await dialog.getByLabel("Title").fill("Hildy quits");
    await screenshot(page, "publish-dialog");
    await dialog.getByRole("button", { name: "Approve and publish" }).click();
    await page.getByText("3 publications approved").waitFor({ timeout: 30_000 });
    const published = await waitFor(
      "three publications to be published",
      async () => {
        const found = await api.get(`/v1/publications?clip_id=${clipId}`);
        const states = found.items!.map((p) => String(p.state));
        if (states.some((s) => s === "failed" || s === "cancelled")) throw new Error(`a publication ended ${JSON.stringify(found.items)}`);
        return states.length === 3 && states.every((s) => s === "published") ? found : null;
      },
      180,
    );
    expect(published.items!.map((p) => p.platform).sort()).toEqual(["instagram", "tiktok", "youtube"]);
    expect(published.items!.every((p) => p.caption === "Hildy quits the paper — or does she? #screwball")).toBe(true);
  });

  test("the jobs page lists the finished work, cancels a running job and starts it again", async () => {
    await page.goto("/jobs");
    await page.getByRole("heading", { name: "Jobs" }).waitFor();
    await page.getByRole("rowheader", { name: /Render variant/ }).first().waitFor();
    expect(await page.getByText("succeeded", { exact: true }).count()).toBeGreaterThanOrEqual(3);
    await expectAccessible(page, "jobs");
    await screenshot(page, "jobs");

    const folder = mkdtempSync(path.join(tmpdir(), "stakazo-long-"));
    let longId: string;
    try {
      longId = String((await api.upload(longVideo(folder))).id);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    const processing = async () =>
      (await api.get("/v1/jobs?type=media.process")).items!.filter((item) => item.asset_id === longId);
    const [job] = await processing();
    await page.reload();
    const row = page.getByRole("row").filter({ has: page.getByRole("button", { name: "Cancel Process video" }) });
    await row.first().getByRole("button", { name: "Cancel Process video" }).click();
    await page.getByText("The job is cancelled.").waitFor();
    await waitFor("the job to be cancelled", async () => (await api.get(`/v1/jobs/${String(job!.id)}`)).state === "cancelled", 30);
    await page.getByRole("button", { name: "Retry Process video" }).first().waitFor();
    await screenshot(page, "jobs-cancelled");
    await page.getByRole("button", { name: "Retry Process video" }).first().click();
    await page.getByText("Started again").waitFor();
    const runs = await processing();
    expect(runs).toHaveLength(2);
    expect(runs[0]!.id).not.toBe(job!.id);
  });
});
