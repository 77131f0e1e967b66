// The browser suite's harness: a real Stakazo (`stakazo run`, the embedded default) in a fresh
// folder, Debian's Chromium through playwright-core, and checks every flow uses (axe, screenshots).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, createWriteStream, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import axe from "axe-core";
import { expect } from "vitest";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const DASHBOARD = path.join(ROOT, "dashboard");
export const RESULTS = path.join(DASHBOARD, "test-results");
export const CHROMIUM = process.env.STAKAZO_CHROMIUM ?? "/usr/bin/chromium";
const STAKAZO = path.join(ROOT, ".venv", "bin", "stakazo");

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Why the browser suite cannot run here, or null when it can. */
export function missing(): string | null {
  const reason = whyNot();
  // CI installs everything: there a missing part is a failure, never a skipped suite.
  if (reason && process.env.CI) throw new Error(`the browser suite cannot run: ${reason}`);
  return reason;
}

function whyNot(): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set STAKAZO_CHROMIUM)`;
  if (!existsSync(STAKAZO)) return `no ${STAKAZO} (run make install)`;
  if (!existsSync(path.join(DASHBOARD, "out", "index.html"))) return "the dashboard is not built (make dashboard)";
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, seconds = 60): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after ${seconds} s waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

export type Stakazo = { base: string; folder: string; log: string; stop: () => Promise<void> };

/** `stakazo run` in a fresh folder: SQLite, the filesystem broker, the sandbox, this build. */
export async function startStakazo(name: string, env: Record<string, string> = {}): Promise<Stakazo> {
  const folder = mkdtempSync(path.join(tmpdir(), `stakazo-e2e-${name}-`));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = path.join(folder, "stakazo.log");
  const out = createWriteStream(log);
  const child: ChildProcess = spawn(STAKAZO, ["run", "--concurrency", "2"], {
    cwd: folder,
    env: {
      ...process.env,
      STAKAZO_API_PORT: String(port),
      STAKAZO_PUBLIC_BASE_URL: base,
      STAKAZO_DASHBOARD_DIR: path.join(DASHBOARD, "out"),
      STAKAZO_SANDBOX_PROCESSING_SECONDS: "0.3",
      STAKAZO_INSTAGRAM_POLL_INTERVAL_SECONDS: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  await waitFor("Stakazo to be ready", async () => (await fetch(`${base}/debug/ready`)).ok, 120).catch((error) => {
    process.kill(-child.pid!, "SIGKILL");
    throw new Error(`${String(error)}\n${readFileSync(log, "utf8").slice(-4000)}`);
  });
  const stop = async () => {
    if (child.exitCode === null) {
      process.kill(-child.pid!, "SIGINT");
      await waitFor("Stakazo to stop", async () => child.exitCode !== null, 40).catch(() => process.kill(-child.pid!, "SIGKILL"));
    }
    out.end();
    if (!process.env.STAKAZO_E2E_KEEP) rmSync(folder, { recursive: true, force: true });
  };
  return { base, folder, log, stop };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export async function newContext(browser: Browser, base: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL: base, viewport: { width: 1366, height: 900 } });
}

export const OWNER = { email: "owner@example.com", password: "plum-orbit-lantern-42", name: "Olivia Owner" };

/** The first account of a fresh instance, made through the API (the register page has its own flow). */
export async function registerOwner(base: string, workspace = "Acme"): Promise<void> {
  const response = await fetch(`${base}/v1/auth/register`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ...OWNER, workspace_name: workspace }),
  });
  if (response.status !== 201) throw new Error(`register answered ${response.status}: ${await response.text()}`);
}

/** Sign in through the sign-in page, and land on the overview. */
export async function signIn(page: Page, email = OWNER.email, password = OWNER.password): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}

/** axe-core on the page as it is now: no critical or serious violation. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Evaluated through the DevTools protocol: the page's own CSP (hashes of its scripts) stays on.
  await page.evaluate(axe.source);
  const result = await page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    return run(document, { resultTypes: ["violations"] });
  });
  const bad = result.violations.filter((v) => v.impact === "critical" || v.impact === "serious");
  const described = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(described, `accessibility of ${name}`).toEqual([]);
}

/** A screenshot under dashboard/test-results/ (ignored by git), to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
