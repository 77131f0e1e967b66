import type { Browser, Page } from "playwright-core";
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

async function look(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  await screenshot(page, name);
}

describe.skipIf(why !== null)("operations: telemetry, alerts, AI health and workers, live", () => {
  let stakazo: Stakazo;
  let browser: Browser;
  let page: Page;
  let headers: Record<string, string>;

  beforeAll(async () => {
    stakazo = await startStakazo("operations", {
      // A snapshot every second, and a disk alert that opens at once (any disk is under 99 % free).
      STAKAZO_TELEMETRY_INTERVAL_SECONDS: "1",
      STAKAZO_ALERT_DISK_FREE_RATIO: "0.99",
    });
    browser = await launchBrowser();
    await registerOwner(stakazo.base);
    const login = await fetch(`${stakazo.base}/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: OWNER.email, password: OWNER.password }),
    });
    const { access_token } = (await login.json()) as { access_token: string };
    const me = (await (await fetch(`${stakazo.base}/v1/auth/me`, { headers: { Authorization: `Bearer ${access_token}` } })).json()) as {
      workspaces: { workspace_id: string }[];
    };
    headers = { Authorization: `Bearer ${access_token}`, "X-Workspace-Id": me.workspaces[0]!.workspace_id };
    page = await (await newContext(browser, stakazo.base)).newPage();
    await signIn(page);
  });
  afterAll(async () => {
    await browser?.close();
    await stakazo?.stop();
  });

  test("the overview's charts draw the last hour and move with each snapshot, without asking for the series again", async () => {
    const series: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/v1/telemetry/series")) series.push(request.url());
    });
    await page.goto("/");
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
    const chart = page.getByRole("img", { name: "Jobs, the last hour" });
    await chart.waitFor({ timeout: 30_000 });
    const points = async () => Number(await chart.getAttribute("data-points"));
    const before = await points();
    const asked = series.length;
    expect(asked).toBeGreaterThan(0);
    await waitFor("a snapshot event to add a point", async () => (await points()) > before, 20);
    await waitFor("another one", async () => (await points()) > before + 1, 20);
    expect(series.length).toBe(asked);
    await page.getByRole("group", { name: "Open alerts" }).getByTestId("open-alerts-total").waitFor({ timeout: 30_000 });
    await look(page, "operations-overview");
  });

  test("the alerts page lists the disk alert, and the admin acknowledges it", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" }).click();
    await page.getByRole("heading", { name: "Alerts", level: 1 }).waitFor();
    const row = page.locator("tbody tr").filter({ has: page.getByRole("button", { name: /^Acknowledge / }) }).first();
    await row.waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
      await screenshot(page, "operations-alerts-failed");
      throw new Error(`${String(error)}; the page says: ${await page.locator("main").innerText()}`);
    });
    await look(page, "operations-alerts");
    const acknowledge = row.getByRole("button", { name: /^Acknowledge / });
    const name = (await row.getByTestId("alert-title").textContent())!.trim();
    await acknowledge.click();
    await page.getByRole("status").filter({ hasText: `Acknowledged: ${name}` }).waitFor();
    await page.getByRole("button", { name: `Acknowledged ${name}` }).waitFor();
    const alerts = (await (await fetch(`${stakazo.base}/v1/alerts?state=open`, { headers })).json()) as {
      items: { title: string; acknowledged_at: string | null }[];
    };
    expect(alerts.items.find((a) => a.title === name)?.acknowledged_at).toBeTruthy();
    await screenshot(page, "operations-alert-acknowledged");
  });

  test("a health check started from /health ends with a stored score and its report", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "AI health" }).click();
    await page.getByRole("button", { name: "Run a health check" }).click();
    await page.getByRole("log", { name: "The model's reasoning" }).waitFor();
    const report = page.getByRole("link", { name: "Read the full report" });
    await report.waitFor({ timeout: 120_000 });
    // The button fades back from disabled (transition-colors): axe would measure it mid-fade.
    await waitFor("the button to be enabled again", () => page.getByRole("button", { name: "Run a health check" }).isEnabled(), 10);
    await page.waitForTimeout(400);
    await look(page, "operations-health");
    await report.click();
    await page.getByRole("region", { name: "Score" }).getByTestId("health-score").waitFor();
    const score = Number.parseInt((await page.getByRole("region", { name: "Score" }).getByTestId("health-score").textContent()) ?? "", 10);
    const runs = (await (await fetch(`${stakazo.base}/v1/ai/health/runs`, { headers })).json()) as { items: { state: string; score: number | null }[] };
    expect(runs.items[0]?.state).toBe("succeeded");
    expect(runs.items[0]?.score).toBe(score);
    await look(page, "operations-health-report");
  });

  test("the workers page lists the running workers", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workers" }).click();
    const table = page.getByRole("table");
    await table.waitFor({ timeout: 30_000 });
    await waitFor("an alive worker", async () => Number(await page.getByTestId("workers-alive").textContent()) > 0, 30);
    expect(await table.getByText("alive").count()).toBeGreaterThan(0);
    await look(page, "operations-workers");
  });
});
