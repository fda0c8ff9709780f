import { gzipSync } from "node:zlib";
import { describe, expect, inject, it } from "vitest";
import { browserPerFile, joinAsGuest, newUser } from "./browser.ts";

const baseURL = inject("baseURL");
const browser = browserPerFile();

const BUDGET_KB = 120;

describe("performance", () => {
  it(`the lobby loads at most ${BUDGET_KB} KB of JavaScript (gzip)`, async () => {
    const { page, context } = await newUser(browser.browser, baseURL);
    // Sign in first, so the measured load is the full lobby (forms, lists), not the welcome.
    await page.goto("/");
    await joinAsGuest(page, "Ana");
    await page.getByRole("heading", { name: "Start a room" }).waitFor();

    // A cold load: nothing from the HTTP cache.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const scripts = new Map<string, number>();
    const pending: Promise<void>[] = [];
    page.on("response", (res) => {
      if (res.request().resourceType() !== "script") return;
      pending.push(
        res.body().then((body) => {
          scripts.set(res.url(), gzipSync(body, { level: 9 }).length);
        }),
      );
    });
    await page.reload();
    await page.getByRole("heading", { name: "Start a room" }).waitFor();
    await page.waitForLoadState("networkidle");
    await Promise.all(pending);
    const total = [...scripts.values()].reduce((a, b) => a + b, 0);
    const kb = total / 1024;
    console.log(
      `[bundle] lobby JavaScript: ${kb.toFixed(1)} KB gzip in ${scripts.size} files\n${[...scripts]
        .map(([url, n]) => `  ${new URL(url).pathname} ${(n / 1024).toFixed(1)} KB`)
        .join("\n")}`,
    );
    expect(scripts.size).toBeGreaterThan(0);
    expect(kb).toBeLessThanOrEqual(BUDGET_KB);
    // The room's code is its own chunk, fetched only when a room opens.
    expect([...scripts.keys()].some((u) => /\/Room-[\w-]+\.js$/.test(u))).toBe(false);
    await context.close();
  });
});
