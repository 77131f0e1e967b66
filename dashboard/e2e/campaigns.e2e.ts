// A campaign as a new user runs it, in a real browser: three sandbox accounts connected through
// their consent pages and a clip ready; a campaign made in the editor with one slot per account
// a couple of minutes ahead and the platforms' own choices; the plan previewed with its reasons
// and applied; the three posts approved on /approvals; the calendar shows them go out at their
// slot; planning again adds nothing.
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ROOT,
  expectAccessible,
  launchBrowser,
  missing,
  registerOwner,
  screenshot,
  signIn,
  startStakazo,
  waitFor,
  type Stakazo,
} from "./harness";

const PLATFORMS = [
  { platform: "instagram", name: "Instagram" },
  { platform: "tiktok", name: "TikTok" },
  { platform: "youtube", name: "YouTube" },
] as const;
// Enough for the editor, the preview, applying and approving on a busy machine, and no more.
const LEAD_SECONDS = 75;
const SENT_WITHIN_SECONDS = 30;

const why = missing();
if (why) console.warn(`browser suite skipped: ${why}`);

type Json = Record<string, unknown> & { items?: Record<string, unknown>[] };

/** The first whole minute at least `seconds` ahead, in UTC (slots are HH:MM). */
function slotAhead(seconds: number): Date {
  const at = new Date(Date.now() + (seconds + 59) * 1000);
  at.setUTCSeconds(0, 0);
  return at;
}

describe.skipIf(why !== null)("a campaign, end to end", () => {
  let stakazo: Stakazo;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let workspaceId = "";

  async function api(url: string, method = "GET", body?: unknown): Promise<Json> {
    const csrf = (await context.cookies()).find((c) => c.name === "stakazo_csrf")?.value ?? "";
    const response = await context.request.fetch(url, {
      method,
      headers: { "X-CSRF-Token": decodeURIComponent(csrf), "X-Workspace-Id": workspaceId },
      data: body,
    });
    if (!response.ok()) throw new Error(`${method} ${url} answered ${response.status()}: ${await response.text()}`);
    return (await response.json()) as Json;
  }

  beforeAll(async () => {
    stakazo = await startStakazo("campaigns");
    browser = await launchBrowser();
    await registerOwner(stakazo.base);
    // The calendar and the slots are read in UTC, the zone chosen in the campaign's form.
    context = await browser.newContext({ baseURL: stakazo.base, viewport: { width: 1366, height: 900 }, timezoneId: "UTC" });
    page = await context.newPage();
    await signIn(page);
    const me = await api("/v1/auth/me");
    workspaceId = String((me.workspaces as Json[])[0]!.workspace_id);
    for (const { platform } of PLATFORMS) {
      const started = await api(`/v1/accounts/connect/${platform}`, "POST", { return_to: "/campaigns" });
      await page.goto(String(started.authorize_url));
      await page.locator('input[name="username"]').fill(`acme_${platform}`);
      await page.getByRole("button", { name: "Allow" }).click();
      await waitFor(`the ${platform} account`, async () =>
        (await api("/v1/accounts")).items!.some((a) => a.platform === platform && a.status === "connected"),
      );
    }
    // A clip with its variants rendered (the media pipeline has its own suites).
    execFileSync(path.join(ROOT, ".venv", "bin", "python"), [path.join(ROOT, "dashboard", "e2e", "seed_clip.py"), stakazo.folder, workspaceId], {
      cwd: ROOT,
      env: { ...process.env, PYTHONPATH: ROOT },
      encoding: "utf8",
    });
  });
  afterAll(async () => {
    await browser?.close();
    await stakazo?.stop();
  });

  test("made in the editor, previewed with reasons, applied, approved, sent at its slots; again adds nothing", async () => {
    await journey().catch(async (error: unknown) => {
      await screenshot(page, "campaign-failed");
      throw error;
    });
  }, 300_000);

  async function journey() {
    await page.goto("/campaigns");
    await page.getByRole("heading", { level: 1, name: "Campaigns" }).waitFor();
    await page.getByLabel("Name").fill("First campaign");
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.getByRole("heading", { level: 1, name: "First campaign" }).waitFor();
    const settings = page.getByRole("form", { name: "Campaign settings" });
    await settings.waitFor();

    const slot = slotAhead(LEAD_SECONDS);
    const day = slot.toISOString().slice(0, 10);
    const time = slot.toISOString().slice(11, 16);
    const weekday = (slot.getUTCDay() + 6) % 7; // Monday first, as the API counts
    await settings.getByLabel("Time zone (IANA)").fill("UTC");
    await settings.getByLabel("Starts on").fill(day);
    await settings.getByLabel("Ends on").fill(day);
    await settings.getByLabel("Minimum gap (minutes)").fill("0");
    for (const { platform, name } of PLATFORMS) {
      await settings.getByRole("checkbox", { name: `@acme_${platform} (${name})` }).check();
      const slots = settings.getByRole("list", { name: `Slots of @acme_${platform}`, exact: true });
      await slots.getByLabel("Weekday", { exact: true }).selectOption(String(weekday));
      await slots.getByLabel("Time", { exact: true }).fill(time);
      // The account's best times are offered to add as slots.
      await slots.getByRole("region", { name: "Best times to post" }).getByRole("button").first().waitFor();
    }
    // TikTok and YouTube need the user's own choices: saving without them is stopped, in words.
    const choices = settings.getByRole("region", { name: "Platform choices" });
    const privacy = choices.getByLabel("Who can watch this video");
    await privacy.waitFor();
    await settings.getByRole("button", { name: "Save" }).click();
    await choices.getByText("Choose who can watch the video on TikTok.").waitFor();
    await choices.getByText("Say whether the video is made for kids.").waitFor();
    await privacy.selectOption("PUBLIC_TO_EVERYONE");
    await choices.getByRole("radio", { name: "No, it is not made for kids" }).check();
    await expectAccessible(page, "campaign editor");
    await screenshot(page, "campaign-editor");
    const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/v1/campaigns/"));
    await settings.getByRole("button", { name: "Save" }).click();
    expect((await saved).status()).toBe(200);
    const campaignId = new URL(page.url()).searchParams.get("id")!;
    const stored = await api(`/v1/campaigns/${campaignId}`);
    expect((stored.post_choices as Json).tiktok).toMatchObject({ privacy_level: "PUBLIC_TO_EVERYONE" });
    expect((stored.post_choices as Json).youtube).toMatchObject({ made_for_kids: false });

    await page.getByRole("button", { name: "Preview plan" }).click();
    await page.getByRole("status").filter({ hasText: "Preview: 3 posts to place" }).waitFor();
    const picks = page.getByRole("table", { name: "Picks" });
    const rows = picks.locator("tbody tr");
    expect(await rows.count()).toBe(3);
    for (const text of await rows.locator("td:nth-child(4)").allTextContents()) expect(text.trim().length).toBeGreaterThan(10);
    await expectAccessible(page, "campaign plan preview");
    await screenshot(page, "campaign-preview");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.getByRole("status").filter({ hasText: "Applied: 3 new posts" }).waitFor();

    await page.goto("/approvals");
    const queue = page.getByRole("list", { name: "Awaiting approval" });
    await queue.waitFor();
    await expectAccessible(page, "approvals");
    await screenshot(page, "campaign-approvals");
    for (let left = 3; left > 0; left -= 1) {
      await queue.getByRole("button", { name: "Approve", exact: true }).first().click();
      await waitFor(`${left - 1} posts to await approval`, async () => (await queue.getByRole("listitem").count()) === left - 1, 30);
    }
    await page.getByText("Nothing waits for approval.").waitFor();

    await page.goto("/calendar");
    await page.getByRole("heading", { level: 1, name: "Calendar" }).waitFor();
    const chips = page.locator('[aria-label*=" post on @acme_"]');
    await waitFor("the three posts on the calendar", async () => (await chips.count()) === 3, 20);
    await expectAccessible(page, "calendar");
    await screenshot(page, "campaign-calendar-scheduled");
    const published = page.locator('[aria-label*=" post on @acme_"][aria-label$=", published"]');
    if (Date.now() < slot.getTime() - 5000) expect(await published.count()).toBe(0); // not before their time
    const deadline = (slot.getTime() + SENT_WITHIN_SECONDS * 1000 - Date.now()) / 1000;
    await waitFor(
      "the three posts to be published by their slot",
      async () => {
        await page.reload();
        await chips.first().waitFor();
        return (await published.count()) === 3;
      },
      Math.max(deadline, 1),
    );
    await screenshot(page, "campaign-calendar-published");

    // Planning again finds every slot filled: nothing new, nothing duplicated.
    await page.goto(`/campaigns/detail?id=${campaignId}`);
    await page.getByRole("button", { name: "Preview plan" }).click();
    await page.getByRole("status").filter({ hasText: "Preview: 0 posts to place, 3 already there" }).waitFor();
    await page.getByRole("button", { name: "Apply" }).click();
    await page.getByRole("status").filter({ hasText: "Applied: 0 new posts, 3 already there" }).waitFor();
    await screenshot(page, "campaign-again");
    const posts = await api(`/v1/campaigns/${campaignId}/posts`);
    expect(posts.items!.map((p) => p.state)).toEqual(["published", "published", "published"]);
  }
});
