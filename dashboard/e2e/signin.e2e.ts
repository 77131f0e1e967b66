import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  expectAccessible,
  launchBrowser,
  missing,
  newContext,
  registerOwner,
  screenshot,
  signIn,
  startStakazo,
  type Stakazo,
} from "./harness";

const why = missing();
if (why) console.warn(`browser suite skipped: ${why}`);

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

  test("a signed-out visitor is sent to sign in, and lands on the overview after", async () => {
    await registerOwner(stakazo.base);
    const page = await (await newContext(browser, stakazo.base)).newPage();
    await page.goto("/");
    await page.waitForURL(/\/signin/);
    await expectAccessible(page, "sign-in page");
    await screenshot(page, "signin");
    await signIn(page);
    await expect(page.getByRole("heading", { name: "Overview" }).isVisible()).resolves.toBe(true);
    await expectAccessible(page, "overview");
    await screenshot(page, "overview");
  });
});
