import { describe, expect, inject, it } from "vitest";
import { browserPerFile, newUser, postTexts, send } from "./browser.ts";
import { createRoom, guestCookie, seedMessages } from "./seed.ts";

const baseURL = inject("baseURL");
const browser = browserPerFile();

/** Signs the browser context in with an API-made guest cookie. */
async function signedIn(cookie: string) {
  const user = await newUser(browser.browser, baseURL);
  const [name, value] = cookie.split(";")[0]?.split("=") ?? [];
  if (!name || value === undefined) throw new Error("bad cookie");
  await user.context.addCookies([{ name, value, url: baseURL }]);
  return user;
}

describe("history", () => {
  it("scrolling up loads older pages, keeps the reader's place, and jump-to-latest returns", async () => {
    const owner = await guestCookie(baseURL, "Owner");
    const roomId = await createRoom(baseURL, owner, "Long room");
    await seedMessages(baseURL, roomId, 130, "Line");

    const { page, context, errors } = await signedIn(owner);
    const started = Date.now();
    await page.goto(`/r/${roomId}`);
    await page.getByText("Line 130", { exact: true }).waitFor();
    const shownAfter = Date.now() - started;
    const inPage = await page.evaluate(() => performance.now());
    console.log(
      `[timing] room page: navigation to latest posts shown ${shownAfter} ms (in-page ${Math.round(inPage)} ms)`,
    );
    expect(shownAfter).toBeLessThan(5000);

    const list = page.getByRole("log", { name: "Conversation" });
    // The first page is the latest 50.
    expect((await postTexts(page)).length).toBe(50);

    // Scroll to the top: older pages arrive and the post that was on top stays in view.
    for (let round = 0; round < 10; round++) {
      const before = await postTexts(page);
      if (before[0] === "Line 1") break;
      const anchor = page.getByText(before[0] ?? "", { exact: true });
      await list.evaluate((el) => {
        el.scrollTop = 0;
      });
      await page.waitForFunction(
        (n) => document.querySelectorAll('.msg[data-status="sent"]').length > n,
        before.length,
      );
      // After the prepend, the old first post is still on screen (not thrown to the bottom).
      const box = await anchor.boundingBox();
      const view = await list.boundingBox();
      expect(box && view && box.y >= view.y - 5 && box.y < view.y + view.height).toBe(true);
    }
    const all = await postTexts(page);
    expect(all).toEqual(Array.from({ length: 130 }, (_, i) => `Line ${i + 1}`));
    await page.getByText("This is the start of the room.").waitFor();

    // Scrolled up, a new post doesn't yank the view; the jump button brings us back.
    await send(page, "Fresh post");
    await page.getByRole("button", { name: /Jump to latest/ }).click();
    await page.getByText("Fresh post").waitFor();
    await page.getByRole("button", { name: /Jump to latest/ }).waitFor({ state: "detached" });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the new-posts divider marks where the reader left off", async () => {
    const owner = await guestCookie(baseURL, "Owner");
    const roomId = await createRoom(baseURL, owner, "Divider room");
    await seedMessages(baseURL, roomId, 3, "Old");
    const { page, context } = await signedIn(owner);
    await page.goto(`/r/${roomId}`);
    await page.getByText("Old 3", { exact: true }).waitFor();
    await page.goto("/");
    await seedMessages(baseURL, roomId, 2, "New");
    await page.goto(`/r/${roomId}`);
    await page.getByText("New 2", { exact: true }).waitFor();
    const order = await page
      .locator(".divider, .msg .text")
      .evaluateAll((els) =>
        els.map((e) => (e.classList.contains("divider") ? "|" : e.textContent)),
      );
    expect(order).toEqual(["Old 1", "Old 2", "Old 3", "|", "New 1", "New 2"]);
    await context.close();
  });

  it("a search result far back in history pages back to the post and shows it", async () => {
    const owner = await guestCookie(baseURL, "Owner");
    const roomId = await createRoom(baseURL, owner, "Deep search room");
    await seedMessages(baseURL, roomId, 160, "Entry");
    const { page, context } = await signedIn(owner);
    await page.goto(`/r/${roomId}`);
    await page.getByText("Entry 160", { exact: true }).waitFor();
    expect(await page.getByText("Entry 7", { exact: true }).count()).toBe(0); // not loaded yet
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByLabel("Search this room").fill("Entry 7");
    await page.getByLabel("Search this room").press("Enter");
    await page
      .getByRole("region", { name: "Search" })
      .getByRole("button", { name: /^Owner|Writer/ })
      .first()
      .waitFor();
    await page
      .getByRole("region", { name: "Search" })
      .getByRole("button", { name: /Entry 7$/ })
      .click();
    const target = page.locator(".msg.flash .text", { hasText: /^Entry 7$/ });
    await target.waitFor();
    // Scrolled into the conversation's view, not just present somewhere above it.
    const box = await target.boundingBox();
    const view = await page.getByRole("log", { name: "Conversation" }).boundingBox();
    expect(box && view && box.y >= view.y && box.y + box.height <= view.y + view.height).toBe(true);
    await context.close();
  });
});
