import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

/** Debian's chromium, or CHROME_PATH. Never downloads a browser. */
export function chromiumPath(): string {
  const path = process.env.CHROME_PATH ?? "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}. Install it (Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium) or set CHROME_PATH to a Chrome/Chromium binary.`,
    );
  }
  return path;
}

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Headless Chromium; Playwright gives every launch a fresh, temporary profile. */
export async function launch(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ARGS,
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/**
 * Chromium with a real (temporary) profile on disk instead of an off-the-record one: what an
 * installed app needs, since Chromium never offers to install from an incognito-like profile.
 */
export async function launchProfile(
  baseURL: string,
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "parley-profile-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    args: ARGS,
    baseURL,
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One Chromium for a spec file: launched before its tests, closed after them. */
export function browserPerFile(): { browser: Browser } {
  const held = {} as { browser: Browser; close?: () => Promise<void> };
  beforeAll(async () => {
    Object.assign(held, await launch());
  });
  afterAll(async () => {
    await held.close?.();
  });
  return held;
}

/** A fresh context (its own cookies: a different user) with console errors collected. */
export async function newUser(
  browser: Browser,
  baseURL: string,
  opts: { width?: number; height?: number; colorScheme?: "light" | "dark" } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    colorScheme: opts.colorScheme ?? "light",
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  return { context, page, errors };
}

/** Signs in as a guest from whatever page shows the guest form. */
export async function joinAsGuest(page: Page, name: string) {
  await page.getByLabel("Display name").fill(name);
  await page.getByRole("button", { name: "Continue as guest" }).click();
}

/** Types a line into the composer and sends it with Enter. */
export async function send(page: Page, text: string) {
  const box = page.getByLabel("Message", { exact: true });
  await box.fill(text);
  await box.press("Enter");
}

/** Creates a room from the lobby (already signed in) and returns its URL. */
export async function createRoomInUI(page: Page, name: string, opts: { private?: boolean } = {}) {
  await page.goto("/");
  await page.getByLabel("Room name").fill(name);
  if (opts.private) await page.getByLabel(/^Private/).check();
  await page.getByRole("button", { name: "Create room" }).click();
  await page.waitForURL(/\/r\/[A-Za-z0-9_-]+/);
  await page.getByRole("heading", { name }).waitFor();
  return page.url();
}

/**
 * The text of every confirmed post in the conversation, in order. textContent, not innerText:
 * posts in off-screen chunks are not rendered (content-visibility), and innerText of those is "".
 */
export function postTexts(page: Page): Promise<string[]> {
  return page
    .locator('.msg[data-status="sent"] .text')
    .evaluateAll((els) => els.map((e) => e.textContent ?? ""));
}

/**
 * Two guests in one room: the first creates it from the lobby, the second opens its link.
 * Returns both users and the room's address.
 */
export async function twoGuestsInRoom(
  browser: Browser,
  baseURL: string,
  room: string,
  names: [string, string] = ["Ana", "Ben"],
) {
  const ana = await newUser(browser, baseURL);
  await ana.page.goto("/");
  await joinAsGuest(ana.page, names[0]);
  const roomUrl = await createRoomInUI(ana.page, room);
  const ben = await newUser(browser, baseURL);
  await ben.page.goto(roomUrl);
  await joinAsGuest(ben.page, names[1]);
  await ben.page.getByRole("heading", { name: room }).waitFor();
  return { ana, ben, roomUrl };
}
