import type { Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserPerFile, createRoomInUI, joinAsGuest, newUser } from "./browser.ts";
import { socketSwitch } from "./socket-switch.ts";

const baseURL = inject("baseURL");
const browser = browserPerFile();

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The control is on top at its own centre: nothing (the banner) covers it. */
async function onTop(control: Locator): Promise<boolean> {
  return control.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return hit !== null && el.contains(hit);
  });
}

/**
 * The room header's controls that are visible at this width. Setting the topic is left out: it
 * needs the room, so it is hidden while the connection is down (the room is read-only then).
 */
async function headerControls(page: Page): Promise<Locator[]> {
  const all = page.locator(".room-header").getByRole("button");
  const visible: Locator[] = [];
  for (const control of await all.all()) {
    const name = (await control.textContent()) ?? "";
    if (/topic/i.test(name)) continue;
    if (await control.isVisible()) visible.push(control);
  }
  return visible;
}

describe("reconnecting", () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 375, height: 740 },
  ]) {
    for (const colorScheme of ["light", "dark"] as const) {
      it(`the banner never covers the room header's controls (${viewport.width} px, ${colorScheme})`, async () => {
        const { page, context } = await newUser(browser.browser, baseURL, {
          ...viewport,
          colorScheme,
        });
        const net = await socketSwitch(page);
        await page.goto("/");
        await joinAsGuest(page, "Ana");
        await createRoomInUI(page, `Banner ${viewport.width} ${colorScheme}`);
        await page.getByTitle("Connected").waitFor();
        await page.getByRole("button", { name: "Settings", exact: true }).waitFor();
        const before = await headerControls(page);
        // Copy link, Search, Settings (owner), Leave, and Members on a phone.
        expect(before.length).toBeGreaterThanOrEqual(viewport.width < 960 ? 5 : 4);

        await net.cut();
        const banner = page.getByRole("status").filter({ hasText: /Connection lost|Reconnecting/ });
        await banner.waitFor();
        await page.getByTitle("Not connected").waitFor();
        const bannerBox = await banner.boundingBox();
        expect(bannerBox).not.toBeNull();
        const controls = await headerControls(page);
        expect(controls.length).toBe(before.length);
        for (const control of controls) {
          const name =
            (await control.getAttribute("aria-label")) ?? (await control.textContent()) ?? "";
          const box = await control.boundingBox();
          expect(box, name).not.toBeNull();
          expect(overlaps(box as Box, bannerBox as Box), `${name} under the banner`).toBe(false);
          expect(await onTop(control), `${name} covered`).toBe(true);
        }
        // The banner sits inside the room, below the header, across its width.
        const header = await page.locator(".room-header").boundingBox();
        expect((bannerBox as Box).y).toBeGreaterThanOrEqual(
          (header as Box).y + (header as Box).height - 1,
        );
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(
          true,
        );

        // The controls work while reconnecting.
        await page.getByRole("button", { name: "Search" }).click();
        await page.getByLabel("Search this room").waitFor();

        // Back online: "Retry now" reconnects and the banner goes.
        net.restore();
        await banner.getByRole("button", { name: "Retry now" }).click();
        await page.getByTitle("Connected").waitFor();
        await banner.waitFor({ state: "detached" });
        await context.close();
      });
    }
  }

  it("presence is shown as last known while disconnected, and live again once the room answers", async () => {
    const ana = await newUser(browser.browser, baseURL);
    const net = await socketSwitch(ana.page);
    await ana.page.goto("/");
    await joinAsGuest(ana.page, "Ana");
    const roomUrl = await createRoomInUI(ana.page, "Presence room");
    const ben = await newUser(browser.browser, baseURL);
    await ben.page.goto(roomUrl);
    await joinAsGuest(ben.page, "Ben");
    const panel = ana.page.getByRole("complementary");
    await panel.getByText("Ben", { exact: true }).waitFor();
    await panel.getByRole("heading", { name: /Here now/ }).waitFor();
    expect(await panel.getByText(/(^|· )Online$/).count()).toBe(2);

    await net.cut();
    await panel.getByRole("heading", { name: /Last known/ }).waitFor();
    await panel.getByText(/who is here is unknown/).waitFor();
    expect(await panel.getByText(/(^|· )Online$/).count()).toBe(0);
    expect(await panel.getByText(/(^|· )Last known: online$/).count()).toBe(2);
    expect(await panel.evaluate((el) => el.classList.contains("stale"))).toBe(true);

    // Ben leaves while Ana cannot hear it; the room's answer after the reconnect is what counts.
    await ben.context.close();
    net.restore();
    await ana.page.getByRole("button", { name: "Retry now" }).click();
    await panel.getByRole("heading", { name: /Here now/ }).waitFor();
    await panel.getByText("Ben", { exact: true }).waitFor({ state: "detached" });
    expect(await panel.getByText(/(^|· )Online$/).count()).toBe(1);
    expect(await panel.evaluate((el) => el.classList.contains("stale"))).toBe(false);
    await ana.context.close();
  });
});
