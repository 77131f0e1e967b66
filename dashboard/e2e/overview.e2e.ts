import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  expectAccessible,
  launchBrowser,
  missing,
  newContext,
  OWNER,
  registerOwner,
  screenshot,
  signIn,
  startStakazo,
  waitFor,
  type Stakazo,
} from "./harness";

const why = missing();
if (why) console.warn(`browser suite skipped: ${why}`);

type Tokens = { access_token: string };

describe.skipIf(why !== null)("the overview is live", () => {
  let stakazo: Stakazo;
  let browser: Browser;

  beforeAll(async () => {
    stakazo = await startStakazo("overview");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stakazo?.stop();
  });

  test("a tile changes within 1 s of a server event, and the feed says what happened", async () => {
    await registerOwner(stakazo.base);
    const login = await fetch(`${stakazo.base}/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: OWNER.email, password: OWNER.password }),
    });
    const { access_token } = (await login.json()) as Tokens;
    const me = (await (await fetch(`${stakazo.base}/v1/auth/me`, { headers: { Authorization: `Bearer ${access_token}` } })).json()) as {
      workspaces: { workspace_id: string }[];
    };
    const headers = {
      Authorization: `Bearer ${access_token}`,
      "X-Workspace-Id": me.workspaces[0]!.workspace_id,
      "Content-Type": "application/json",
    };

    const page = await (await newContext(browser, stakazo.base)).newPage();
    await signIn(page);
    const jobs = page.getByTestId("tile-jobs-total");
    await jobs.waitFor();
    expect(await jobs.textContent()).toBe("0");
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();

    // The page notes when the tile's number changes, by the same clock as this process.
    await page.evaluate(() => {
      const tile = document.querySelector('[data-testid="tile-jobs-total"]')!;
      const seen = window as unknown as { changedAt?: number };
      new MutationObserver(() => {
        seen.changedAt ??= Date.now();
      }).observe(tile, { characterData: true, childList: true, subtree: true });
    });

    const sent = Date.now();
    const created = await fetch(`${stakazo.base}/v1/jobs`, { method: "POST", headers, body: JSON.stringify({ type: "ledger.audit" }) });
    expect(created.status).toBe(202);
    const changedAt = await waitFor(
      "the jobs tile to change",
      () => page.evaluate(() => (window as unknown as { changedAt?: number }).changedAt),
      10,
    );
    const delay = changedAt - sent;
    console.log(`jobs tile changed ${delay} ms after the request that created the job`);
    expect(delay).toBeLessThan(1000);
    expect(await jobs.textContent()).toBe("1");

    // The feed tells it in words; the job runs to its end and the tile follows.
    await page.getByRole("list", { name: "Recent events" }).getByText("Ledger audit queued").waitFor();
    await page.getByRole("list", { name: "Jobs by state" }).getByText("succeeded").waitFor({ timeout: 60_000 });
    await expectAccessible(page, "overview with events");
    await screenshot(page, "overview-live");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "overview-phone");
    await page.setViewportSize({ width: 1366, height: 900 });

    // The workspace switcher: another workspace has its own counts, and its own stream.
    const other = await fetch(`${stakazo.base}/v1/workspaces`, { method: "POST", headers, body: JSON.stringify({ name: "Beta Brand" }) });
    expect(other.status).toBe(201);
    await page.reload();
    await jobs.waitFor();
    const switcher = page.getByLabel("Workspace");
    await waitFor("both workspaces in the switcher", async () => (await switcher.locator("option").count()) === 2);
    await expect(switcher.locator("option").allTextContents()).resolves.toEqual(["Acme (admin)", "Beta Brand (admin)"]);
    await switcher.selectOption({ label: "Beta Brand (admin)" });
    await page
      .getByText("Everything in Beta Brand, as it happens.")
      .waitFor()
      .catch(async (error: unknown) => {
        await screenshot(page, "overview-switch-failed");
        const value = await page.getByLabel("Workspace").inputValue().catch(() => "none");
        throw new Error(`${String(error)}; the switcher holds ${value}; header: ${await page.locator("main p").first().textContent()}`);
      });
    await waitFor("the Beta Brand jobs tile", async () => (await jobs.textContent()) === "0");
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
    await page.getByText("Nothing has happened since you opened this page").waitFor();
    // The choice holds across a reload, and back again.
    await page.reload();
    await page.getByText("Everything in Beta Brand, as it happens.").waitFor();
    await jobs.waitFor();
    await page.getByLabel("Workspace").selectOption({ label: "Acme (admin)" });
    await waitFor("the Acme jobs tile", async () => (await page.getByTestId("tile-jobs-total").textContent()) === "1");
  });
});
