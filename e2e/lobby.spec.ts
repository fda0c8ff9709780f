import { describe, expect, inject, it } from "vitest";
import {
  browserPerFile,
  createRoomInUI,
  joinAsGuest,
  newUser,
  send,
  twoGuestsInRoom,
} from "./browser.ts";

const baseURL = inject("baseURL");
const browser = browserPerFile();

/**
 * The lobby lists refresh on their own; a reload now and then makes the wait deterministic. Each
 * load gets a few seconds to fetch its lists before the next reload (a busy machine is slow).
 */
async function untilListed(page: import("playwright-core").Page, pred: () => Promise<boolean>) {
  const deadline = Date.now() + 40_000;
  while (Date.now() < deadline) {
    for (let i = 0; i < 10; i++) {
      if (await pred()) return;
      await page.waitForTimeout(300);
    }
    await page.reload();
    await page.getByRole("heading", { name: "Start a room" }).waitFor();
  }
  throw new Error("never listed");
}

describe("lobby", () => {
  it("lists public rooms (not private ones), filters them, and opens one", async () => {
    const tag = Date.now().toString(36);
    const ana = await newUser(browser.browser, baseURL);
    await ana.page.goto("/");
    await joinAsGuest(ana.page, "Ana");
    await createRoomInUI(ana.page, `Open ${tag}`);
    await send(ana.page, "hello directory");
    await createRoomInUI(ana.page, `Hidden ${tag}`, { private: true });

    const ben = await newUser(browser.browser, baseURL);
    await ben.page.goto("/");
    await joinAsGuest(ben.page, "Ben");
    const directory = ben.page.getByRole("region", { name: "Public rooms" });
    await ben.page.getByLabel("Filter rooms").fill(tag);
    await untilListed(ben.page, async () => {
      await ben.page.getByLabel("Filter rooms").fill(tag);
      await ben.page.waitForTimeout(400);
      return (await directory.getByText(`Open ${tag}`).count()) > 0;
    });
    if ((await directory.getByText(`Hidden ${tag}`).count()) !== 0) {
      throw new Error("a private room is listed");
    }
    await directory.getByText(`Open ${tag}`).click();
    await ben.page.getByText("hello directory").waitFor();
    await ana.context.close();
    await ben.context.close();
  });

  it("your rooms show unread counts and mentions, which clear after reading", async () => {
    const { ana, ben } = await twoGuestsInRoom(browser.browser, baseURL, "Unread lobby room");
    await ben.page.goto("/");

    await send(ana.page, "one for Ben");
    await send(ana.page, "and @Ben, look");
    const mine = ben.page.getByRole("region", { name: "Your rooms" });
    const row = mine.getByRole("link", { name: /Unread lobby room/ });
    await untilListed(ben.page, async () => (await row.getByText("2").count()) > 0);
    await row.getByText("you were mentioned").waitFor({ state: "attached" });

    await row.click();
    await ben.page.getByText("and @Ben, look").waitFor();
    await ben.page.goto("/");
    await untilListed(ben.page, async () => (await row.locator(".unread").count()) === 0);
    await ana.context.close();
    await ben.context.close();
  });

  it("a direct chat opens from a profile and shows up for both", async () => {
    const { ana, ben } = await twoGuestsInRoom(browser.browser, baseURL, "Meeting point");
    await ben.page.getByRole("complementary").getByRole("link", { name: "Ana" }).click();
    await ben.page.getByRole("button", { name: "Chat privately" }).click();
    await ben.page.waitForURL(/\/r\//);
    await send(ben.page, "just between us");
    await ana.page.goto("/");
    const mine = ana.page.getByRole("region", { name: "Your rooms" });
    await untilListed(ana.page, async () => (await mine.getByText("Direct chat").count()) > 0);
    await mine.getByRole("link", { name: /Ben/ }).click();
    await ana.page.getByText("just between us").waitFor();
    await ana.context.close();
    await ben.context.close();
  });

  it('on a phone "Your rooms" comes before the forms; on a desktop they sit side by side', async () => {
    const top = async (page: import("playwright-core").Page, name: string) => {
      const box = await page.getByRole("heading", { name, exact: true }).boundingBox();
      if (!box) throw new Error(`no heading ${name}`);
      return box;
    };
    for (const viewport of [
      { width: 375, height: 740 },
      { width: 1280, height: 800 },
    ]) {
      const { page, context } = await newUser(browser.browser, baseURL, viewport);
      await page.goto("/");
      await joinAsGuest(page, "Pia");
      await createRoomInUI(page, `Back again ${viewport.width}`);
      await page.getByTitle("Connected").waitFor(); // joined: the room is on her list now
      await page.goto("/");
      await untilListed(
        page,
        async () => (await page.getByRole("heading", { name: "Your rooms" }).count()) > 0,
      );
      const mine = await top(page, "Your rooms");
      const create = await top(page, "Start a room");
      const directory = await top(page, "Public rooms");
      if (viewport.width < 960) {
        expect(mine.y).toBeLessThan(create.y);
        expect(create.y).toBeLessThan(directory.y);
      } else {
        expect(create.x).toBeLessThan(mine.x); // forms on the left, lists on the right
        expect(mine.y).toBeLessThan(directory.y);
      }
      // In the page's order too (screen readers, keyboard): "Your rooms" first.
      const order = await page.evaluate(() =>
        [...document.querySelectorAll("main h2")].map((h) => h.textContent),
      );
      expect(order.indexOf("Your rooms")).toBeLessThan(order.indexOf("Start a room"));
      await context.close();
    }
  });
});
