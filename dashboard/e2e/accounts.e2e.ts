// Accounts, publications, members and the ledger in a real browser against a real Stakazo:
// connecting the three sandbox accounts through their consent pages, a viewer refused an editor
// action, publications reaching `published` with their timeline and link, and the ledger intact.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  OWNER,
  DASHBOARD,
  ROOT,
  expectAccessible,
  launchBrowser,
  missing,
  newContext,
  registerOwner,
  screenshot,
  signIn,
  startStakazo,
  waitFor,
  type Stakazo,
} from "./harness";

const why = missing();
if (why) console.warn(`browser suite skipped: ${why}`);

const VIEWER = { email: "vic.viewer@example.com", password: "quiet-meadow-canvas-17", name: "Vic Viewer" };
const PLATFORMS = [
  { platform: "instagram", name: "Instagram", username: "acme.reels" },
  { platform: "tiktok", name: "TikTok", username: "acme.tok" },
  { platform: "youtube", name: "YouTube", username: "acme-shorts" },
] as const;
const CHOICES = {
  tiktok: {
    privacy_level: "PUBLIC_TO_EVERYONE",
    disable_comment: false,
    disable_duet: false,
    disable_stitch: false,
    brand_content_toggle: false,
    brand_organic_toggle: false,
    is_aigc: false,
  },
  youtube: { made_for_kids: false },
};

type Json = Record<string, unknown>;

/** The API as a program calls it (bearer token), for what the test sets up or checks. */
async function bearer(base: string, email: string, password: string) {
  const login = await fetch(`${base}/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(login.status, await login.clone().text()).toBe(200);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const me = (await (await fetch(`${base}/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
    workspaces: { workspace_id: string }[];
  };
  // Programs name the workspace they act in; an invitee has none yet.
  const workspace: Record<string, string> = me.workspaces[0] ? { "X-Workspace-Id": me.workspaces[0].workspace_id } : {};
  return async (method: string, route: string, body?: unknown): Promise<{ status: number; json: Json }> => {
    const send = () =>
      fetch(`${base}${route}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...workspace },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    // A kept-alive connection the server closed while idle fails before the request is sent.
    const response = await send().catch((error: { cause?: { code?: string } }) => {
      if (error.cause?.code === "UND_ERR_SOCKET") return send();
      throw error;
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as Json) : {} };
  };
}

/** Through the sign-in page where this build has one; else the same browser session, opened by
 * the API's sign-in route from the page's own origin (cookies land in the browser context). */
async function signInAs(page: Page, base: string, email: string, password: string): Promise<void> {
  if (existsSync(path.join(DASHBOARD, "out", "signin.html"))) return signIn(page, email, password);
  const answer = await page.request.post("/v1/auth/session", { data: { email, password }, headers: { Origin: base } });
  expect(answer.status(), await answer.text()).toBe(200);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}

async function look(page: Page, name: string, heading: string) {
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  await page.getByRole("status").filter({ hasText: "Loading" }).waitFor({ state: "detached" }).catch(() => undefined);
  await expectAccessible(page, name);
  await screenshot(page, name);
}

describe.skipIf(why !== null)("accounts, publications, members and the ledger", () => {
  let stakazo: Stakazo;
  let browser: Browser;
  let owner: Page;
  let api: Awaited<ReturnType<typeof bearer>>;
  const accounts: Json[] = [];

  beforeAll(async () => {
    stakazo = await startStakazo("accounts");
    browser = await launchBrowser();
    await registerOwner(stakazo.base);
    api = await bearer(stakazo.base, OWNER.email, OWNER.password);
    owner = await (await newContext(browser, stakazo.base)).newPage();
    await signInAs(owner, stakazo.base, OWNER.email, OWNER.password);
  });
  afterAll(async () => {
    await browser?.close();
    await stakazo?.stop();
  });

  test("the three sandbox accounts are connected in the browser, through their consent pages", async () => {
    await owner.goto("/accounts");
    await owner.getByText("No Instagram account connected yet.").waitFor();
    await look(owner, "accounts-empty", "Accounts");

    for (const { name, username } of PLATFORMS) {
      await owner.getByRole("button", { name: `Connect ${name}` }).click();
      // The sandbox's consent page, as the platform's own would be.
      await owner.waitForURL((url) => url.pathname.startsWith("/sandbox/"));
      await owner.locator('input[name="username"]').fill(username);
      await owner.getByRole("button", { name: "Allow" }).click();
      // The callback sends the browser back to /accounts, which says what happened.
      await owner.waitForURL((url) => url.pathname === "/accounts");
      await owner.getByText(`${name} (sandbox) account @${username} is connected.`).waitFor().catch(async (error: unknown) => {
        await screenshot(owner, `accounts-connect-${name}-failed`);
        throw error;
      });
      const row = owner.getByRole("listitem", { name: `@${username}` });
      await expect(row.getByText("connected", { exact: true }).isVisible()).resolves.toBe(true);
      await expect(row.getByText("sandbox", { exact: true }).isVisible()).resolves.toBe(true);
      // What is left of the allowance, read from the platform or counted by Stakazo.
      await row.getByText(/posts left/).waitFor();
    }
    await expect(owner.getByText(/Access token expires in/).count()).resolves.toBeGreaterThan(0);
    await look(owner, "accounts", "Accounts");

    const listed = await api("GET", "/v1/accounts");
    accounts.push(...(listed.json.items as Json[]));
    expect(accounts.map((a) => [a.platform, a.status])).toEqual(PLATFORMS.map((p) => [p.platform, "connected"]));
  });

  test("publications made through the API reach published, with their timeline and link", async () => {
    expect(accounts).toHaveLength(3);
    const me = await api("GET", "/v1/auth/me");
    const workspaceId = (me.json.workspaces as Json[])[0]!.workspace_id as string;
    const clipId = execFileSync(
      path.join(ROOT, ".venv", "bin", "python"),
      [path.join(ROOT, "dashboard", "e2e", "seed_clip.py"), stakazo.folder, workspaceId],
      { cwd: ROOT, env: { ...process.env, PYTHONPATH: ROOT }, encoding: "utf8" },
    ).trim();
    const confirmed = await api("POST", "/v1/confirm_publish", {
      create: { clip_id: clipId, account_ids: accounts.map((a) => a.id), caption: "Our best moment #launch", ...CHOICES },
    });
    expect(confirmed.status, JSON.stringify(confirmed.json)).toBe(200);
    const ids = (confirmed.json.items as Json[]).map((p) => p.id as string);
    // One more, kept for later: awaiting approval, to schedule from the page.
    const later = await api("POST", "/v1/publications", {
      clip_id: clipId, account_ids: [accounts[1]!.id], caption: "For tomorrow", ...CHOICES,
    });
    expect(later.status).toBe(201);
    const laterId = ((later.json.items as Json[])[0] as Json).id as string;

    await owner.goto("/publications");
    await owner.getByRole("table").waitFor();
    await waitFor("three publications to be published on the page", async () => {
      const published = await owner.getByRole("row").filter({ hasText: "Our best moment" }).filter({ hasText: "published" }).count();
      if (published === 3) return true;
      await owner.reload(); // whether or not the event stream already refreshed it
      await owner.getByRole("table").waitFor();
      return false;
    }, 120);
    await look(owner, "publications", "Publications");

    await owner.getByLabel("Platform").selectOption("tiktok");
    await owner.getByText("2 in all").waitFor();
    await owner.getByLabel("State").selectOption("published");
    await owner.getByText("1 in all").waitFor();

    await owner.goto(`/publications/detail?id=${ids[0]}`);
    await owner.getByRole("list", { name: "State timeline" }).getByText("Published", { exact: true }).waitFor();
    const timeline = await owner.getByRole("list", { name: "State timeline" }).getByRole("listitem").allInnerTexts();
    expect(timeline[0]).toContain("Created");
    expect(timeline.some((step) => step.includes("Approved"))).toBe(true);
    const link = owner.getByRole("link", { name: /View the post on Instagram/ });
    await expect(link.getAttribute("target")).resolves.toBe("_blank");
    await expect(link.getAttribute("rel")).resolves.toContain("noopener");
    expect(await link.getAttribute("href")).toMatch(/^https?:\/\//);
    await look(owner, "publication-detail", "Our best moment #launch");

    // Schedule for later: the one awaiting approval takes a time, and approval keeps it.
    await owner.goto(`/publications/detail?id=${laterId}`);
    await owner.getByRole("button", { name: "Schedule for later" }).click();
    const dialog = owner.getByRole("dialog", { name: "Schedule for later" });
    await dialog.getByLabel(/Publish at/).fill("2031-03-14T09:30");
    await expectAccessible(owner, "schedule dialog");
    await screenshot(owner, "publication-schedule");
    await dialog.getByRole("button", { name: "Save time" }).click();
    await dialog.waitFor({ state: "detached" });
    await owner.getByText("Mar 14, 2031", { exact: false }).first().waitFor();
    await owner.getByRole("list", { name: "State timeline" }).getByText("Time changed").waitFor();
    const stored = await api("GET", `/v1/publications/${laterId}`);
    expect(new Date(stored.json.publish_at as string).getTime()).toBe(new Date("2031-03-14T09:30").getTime());
    await owner.getByRole("button", { name: "Approve" }).click();
    await owner.getByText("scheduled", { exact: true }).first().waitFor();
  });

  test("an admin invites a viewer, who is refused an editor action in the page and by the API", async () => {
    await owner.goto("/members");
    await owner.getByRole("heading", { name: "Roles and what they permit" }).waitFor();
    await owner.getByLabel("Email", { exact: true }).fill(VIEWER.email);
    await owner.getByLabel("Role", { exact: true }).selectOption("viewer");
    await owner.getByLabel("Name (optional)").fill(VIEWER.name);
    await owner.getByLabel(/Initial password/).fill(VIEWER.password);
    await owner.getByRole("button", { name: "Invite", exact: true }).click();
    await owner.getByText(`${VIEWER.email} is invited as viewer`).waitFor();
    await owner.getByRole("button", { name: `Revoke invitation for ${VIEWER.email}` }).waitFor();
    await owner.getByText("campaigns:publish").first().waitFor();
    await look(owner, "members", "Members");

    // The invitee accepts (signed in as themself), and joins as a viewer.
    const viewerApi = await bearer(stakazo.base, VIEWER.email, VIEWER.password);
    const mine = await viewerApi("GET", "/v1/invitations");
    const invitation = (mine.json.items as Json[])[0]!;
    expect((await viewerApi("POST", `/v1/invitations/${invitation.id as string}/accept`)).status).toBe(200);
    await owner.reload();
    const row = owner.getByRole("row").filter({ hasText: VIEWER.email });
    await expect(row.getByLabel(`Role of ${VIEWER.email}`).inputValue()).resolves.toBe("viewer");
    await owner.getByText("No invitation is waiting for an answer.").waitFor();

    const viewer = await (await newContext(browser, stakazo.base)).newPage();
    await signInAs(viewer, stakazo.base, VIEWER.email, VIEWER.password);
    // Members: no invite form, no role controls.
    await viewer.goto("/members");
    await viewer.getByText("Only admins invite people and change roles").waitFor();
    await expect(viewer.getByRole("heading", { name: "Invite someone" }).count()).resolves.toBe(0);
    await expect(viewer.getByLabel(`Role of ${OWNER.email}`).count()).resolves.toBe(0);
    await look(viewer, "members-viewer", "Members");
    // Accounts: connecting is disabled.
    await viewer.goto("/accounts");
    await expect(viewer.getByRole("button", { name: /Instagram/ }).first().isDisabled()).resolves.toBe(true);
    await look(viewer, "accounts-viewer", "Accounts");
    // Publications: an editor's action (cancel, schedule) is disabled for a viewer…
    const pending = await api("GET", "/v1/publications?state=scheduled");
    const scheduledId = ((pending.json.items as Json[])[0] as Json).id as string;
    await viewer.goto(`/publications/detail?id=${scheduledId}`);
    await expect(viewer.getByRole("button", { name: "Cancel publication" }).isDisabled()).resolves.toBe(true);
    await expect(viewer.getByRole("button", { name: "Schedule for later" }).isDisabled()).resolves.toBe(true);
    await screenshot(viewer, "publication-viewer");
    // …and forced through the API with the viewer's own browser session, it is refused.
    // (The same headers the dashboard's client sends: the CSRF token and the workspace.)
    const workspaceId = ((await api("GET", "/v1/workspaces/current")).json.id as string);
    const forced = await viewer.evaluate(async ([id, workspace]) => {
      const csrf = decodeURIComponent(document.cookie.match(/(?:^|;\s*)stakazo_csrf=([^;]*)/)?.[1] ?? "");
      const response = await fetch(`/v1/publications/${id}/cancel`, {
        method: "POST",
        headers: { "X-CSRF-Token": csrf, "X-Workspace-Id": workspace },
      });
      return { status: response.status, body: (await response.json()) as { error: string; detail: string } };
    }, [scheduledId, workspaceId] as const);
    expect(forced.status).toBe(403);
    expect(forced.body.error).toBe("forbidden");
    expect(forced.body.detail).toMatch(/campaigns:write/);
    expect((await api("GET", `/v1/publications/${scheduledId}`)).json.state).toBe("scheduled");
  });

  test("the ledger shows the events and an intact chain", async () => {
    await owner.goto("/ledger");
    await owner.getByText("Intact.").waitFor();
    await owner.getByRole("table").waitFor();
    await expect(owner.getByRole("cell", { name: "account.connected" }).count()).resolves.toBe(3);
    await owner.getByRole("button", { name: /^Details of event/ }).first().click();
    await owner.getByText("Previous hash").waitFor();
    await look(owner, "ledger", "Ledger");

    await owner.getByLabel(/Event type/).fill("account.");
    await owner.getByRole("button", { name: "Filter" }).click();
    await waitFor("only account events", async () => {
      const types = await owner.locator("tbody tr td:nth-child(3)").allInnerTexts();
      return types.length > 0 && types.every((t) => t.startsWith("account.")) ? types : null;
    });
    await screenshot(owner, "ledger-filtered");
  });
});
