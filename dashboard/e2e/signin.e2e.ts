import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  expectAccessible,
  launchBrowser,
  missing,
  newContext,
  OWNER,
  screenshot,
  signIn,
  startStakazo,
  waitFor,
  type Stakazo,
} from "./harness";

const why = missing();
if (why) console.warn(`browser suite skipped: ${why}`);

/** Everything the page's Content-Security-Policy refused, and every uncaught error. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to/.test(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(String(error)));
  return problems;
}

describe.skipIf(why !== null)("signing in", () => {
  let stakazo: Stakazo;
  let browser: Browser;

  beforeAll(async () => {
    stakazo = await startStakazo("signin");
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stakazo?.stop();
  });

  test("a new user registers through the page, signs out, and signs in again", async () => {
    const page = await (await newContext(browser, stakazo.base)).newPage();
    const problems = watchProblems(page);

    // A signed-out visitor of any page is sent to sign in, with the way back.
    await page.goto("/?from=mail");
    await page.waitForURL(/\/signin\?next=%2F%3Ffrom%3Dmail$/);
    await expectAccessible(page, "sign-in page");
    await screenshot(page, "signin");

    // Wrong password: said in words.
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill("not-the-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "Email or password is incorrect." }).waitFor();
    await screenshot(page, "signin-error");

    // First run: the sign-in page links to registration.
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.waitForURL(/\/register$/);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("Use at least 12 characters.").waitFor();
    await expectAccessible(page, "register page with errors");
    await screenshot(page, "register-errors");
    await page.getByLabel("Your name").fill(OWNER.name);
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByLabel("Workspace name").fill("Acme");
    await screenshot(page, "register");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("navigation", { name: "Main" }).waitFor();
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
    await page.getByTestId("tile-videos-total").waitFor();
    await expectAccessible(page, "overview");
    await screenshot(page, "overview");

    // The workspace switcher shows the one workspace with its role.
    await expect(page.getByLabel("Workspace").locator("option").allTextContents()).resolves.toEqual(["Acme (admin)"]);

    // Sign out lands on the sign-in page, and the overview is closed again.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    await page.goto("/");
    await page.waitForURL(/\/signin/);

    // Registration is closed now that the first account exists: said so, with the way to sign in.
    await page.goto("/register");
    await page.getByLabel("Your name").fill("Mallory");
    await page.getByLabel("Email").fill("mallory@example.com");
    await page.getByLabel("Password").fill("another-long-passphrase-9");
    await page.getByLabel("Workspace name").fill("Elsewhere");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("alert").filter({ hasText: "sign-up is closed" }).waitFor();
    await screenshot(page, "register-closed");
    await page.getByRole("link", { name: "Go to sign in" }).click();
    await page.waitForURL(/\/signin$/);

    // Signing in from a deep link goes back there.
    await page.goto("/signin?next=%2F%3Ffrom%3Dmail");
    await signInFromHere(page);
    expect(page.url()).toBe(`${stakazo.base}/?from=mail`);

    // Another origin as the return path is ignored.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/signin/);
    await page.goto("/signin?next=https%3A%2F%2Fevil.example%2F");
    await signInFromHere(page);
    expect(new URL(page.url()).pathname).toBe("/");

    expect(problems).toEqual([]);
  });

  test("an unknown address shows the dashboard's not-found page", async () => {
    const page = await (await newContext(browser, stakazo.base)).newPage();
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "This page does not exist" }).waitFor();
    await expectAccessible(page, "not-found page");
    await screenshot(page, "not-found");
    await page.getByRole("link", { name: "Go to the overview" }).click();
    await waitFor("the sign-in page", async () => new URL(page.url()).pathname === "/signin");
  });

  test("signIn in the harness still works", async () => {
    const page = await (await newContext(browser, stakazo.base)).newPage();
    await signIn(page);
    await expect(page.getByRole("heading", { name: "Overview" }).isVisible()).resolves.toBe(true);
  });
});

async function signInFromHere(page: Page): Promise<void> {
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}
