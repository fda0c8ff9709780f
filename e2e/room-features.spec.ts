import type { Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserPerFile, send, twoGuestsInRoom } from "./browser.ts";

const baseURL = inject("baseURL");
const browser = browserPerFile();

function post(page: Page, text: string) {
  return page.locator('.msg[data-status="sent"]', { hasText: text });
}

/** One person in the members list, with their presence line ("Online", "Idle · …"). */
function member(panel: Locator, name: string, presence: string | RegExp) {
  return panel
    .getByRole("listitem")
    .filter({ hasText: name })
    .filter({ has: panel.page().getByText(presence, { exact: true }) });
}

describe("room features between two users", () => {
  it("edit with the Up key, delete, and reactions are seen by the other user", async () => {
    const { ana, ben } = await twoGuestsInRoom(browser.browser, baseURL, "Edit room");
    await send(ana.page, "first draft");
    await post(ben.page, "first draft").waitFor();
    await post(ana.page, "first draft").waitFor(); // confirmed (it has a seq) on Ana's side too

    // Up in an empty composer edits the last own post; Enter saves.
    const box = ana.page.getByLabel("Message");
    await box.press("ArrowUp");
    // The composer takes the post's text on the next render: poll rather than read once.
    await expect.poll(() => box.inputValue()).toBe("first draft");
    await box.fill("final text");
    await box.press("Enter");
    await post(ben.page, "final text").getByText("(edited)").waitFor();
    await post(ana.page, "final text").getByText("(edited)").waitFor();
    expect(await post(ben.page, "first draft").count()).toBe(0);

    // Esc cancels an edit and leaves the post alone.
    await box.press("ArrowUp");
    await box.fill("never saved");
    await box.press("Escape");
    await expect.poll(() => box.inputValue()).toBe("");

    // Ben reacts; Ana sees the count and who reacted; Ana adds hers; Ben removes his.
    const onBen = post(ben.page, "final text");
    await onBen.hover();
    await onBen.getByRole("button", { name: "React", exact: true }).click();
    await onBen.getByRole("button", { name: "React with 🎉" }).click();
    const chip = post(ana.page, "final text").getByRole("button", {
      name: /^🎉 1, reacted by Ben/,
    });
    await chip.waitFor();
    await chip.click();
    await post(ben.page, "final text")
      .getByRole("button", { name: /^🎉 2, reacted by (Ana and you|you and Ana)/ })
      .waitFor();
    await post(ben.page, "final text").getByRole("button", { name: /^🎉 2/ }).click();
    await post(ana.page, "final text")
      .getByRole("button", { name: "🎉 1, reacted by you" })
      .waitFor();

    // Ana deletes her post after confirming; both see it as deleted.
    const mine = post(ana.page, "final text");
    await mine.hover();
    await mine.getByRole("button", { name: "Delete" }).click();
    await ana.page
      .getByRole("dialog", { name: "Delete this post?" })
      .getByRole("button", { name: "Delete" })
      .click();
    for (const page of [ana.page, ben.page]) {
      await page.getByText("This post was deleted.").waitFor();
      expect(await post(page, "final text").count()).toBe(0);
    }
    // Ben may not edit or delete Ana's posts: no such buttons on them.
    await send(ana.page, "Ana's other post");
    const theirs = post(ben.page, "Ana's other post");
    await theirs.hover();
    expect(await theirs.getByRole("button", { name: "Edit" }).count()).toBe(0);
    expect(await theirs.getByRole("button", { name: "Delete" }).count()).toBe(0);
    await ana.context.close();
    await ben.context.close();
  });

  it("a post that mentions you by your full display name is highlighted for you only", async () => {
    const { ana, ben } = await twoGuestsInRoom(browser.browser, baseURL, "Mention room", [
      "Ana Lima",
      "Ben",
    ]);
    await send(ben.page, "ping @Ana Lima, and @Ben too");
    const forAna = post(ana.page, "ping");
    await forAna.waitFor();
    expect(await forAna.getAttribute("class")).toContain("mentioned");
    expect(await forAna.locator(".mention.me").textContent()).toBe("@Ana Lima");
    const forBen = post(ben.page, "ping");
    expect(await forBen.getAttribute("class")).not.toContain("mentioned"); // his own post
    expect(await forBen.locator(".mention.me").textContent()).toBe("@Ben");
    await ana.context.close();
    await ben.context.close();
  });

  it("typing shows for the other user and clears when the post arrives", async () => {
    const { ana, ben } = await twoGuestsInRoom(browser.browser, baseURL, "Typing room");
    await ana.page.getByLabel("Message").pressSequentially("hello th", { delay: 30 });
    await ben.page.getByText("Ana is typing…").waitFor();
    await ana.page.getByLabel("Message").press("Enter");
    await post(ben.page, "hello th").waitFor();
    await ben.page.getByText("Ana is typing…").waitFor({ state: "detached" });
    await ana.context.close();
    await ben.context.close();
  });

  it("presence: idle when the tab is hidden, gone when the user leaves", async () => {
    const { ana, ben } = await twoGuestsInRoom(browser.browser, baseURL, "Presence room");
    const panel = ana.page.getByRole("complementary");
    await member(panel, "Ben", "Online").waitFor();
    // Simulate Ben switching tabs.
    await ben.page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await member(panel, "Ben", /^Idle/).waitFor();
    await ben.page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { value: "visible", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await member(panel, "Ben", "Online").waitFor();
    await ben.context.close();
    await panel.getByText("Ben", { exact: true }).waitFor({ state: "detached" });
    await ana.context.close();
  });

  it("unread count rises in the tab title while hidden and clears on return", async () => {
    const { ana, ben } = await twoGuestsInRoom(browser.browser, baseURL, "Unread room");
    await ana.page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await send(ben.page, "ping 1");
    await send(ben.page, "ping 2");
    await ana.page.waitForFunction(() => document.title.startsWith("(2) Unread room"));
    await ana.page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { value: "visible", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await ana.page.waitForFunction(() => document.title === "Unread room · Parley");
    await ana.context.close();
    await ben.context.close();
  });

  it("a mention while the tab is hidden raises a notification, if the user turned them on", async () => {
    const { ana, ben } = await twoGuestsInRoom(browser.browser, baseURL, "Notify room");
    await ana.context.grantPermissions(["notifications"], { origin: baseURL });
    const roomUrl = ana.page.url();
    await ana.page.goto("/settings");
    await ana.page.getByLabel(/Notify me when someone @mentions me/).check();
    await ana.page.goto(roomUrl);
    await ana.page.getByRole("heading", { name: "Notify room" }).waitFor();
    // Record notifications instead of showing them, and hide the tab.
    await ana.page.evaluate(() => {
      const shown: string[] = [];
      (window as unknown as { shown: string[] }).shown = shown;
      class Recorder {
        static permission = "granted";
        onclick: (() => void) | null = null;
        constructor(title: string, opts?: { body?: string }) {
          shown.push(`${title}: ${opts?.body ?? ""}`);
        }
        close() {}
      }
      (window as unknown as { Notification: unknown }).Notification = Recorder;
      Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await send(ben.page, "no mention here");
    await send(ben.page, "@Ana can you look?");
    await ana.page.waitForFunction(
      () => (window as unknown as { shown: string[] }).shown.length > 0,
    );
    const shown = await ana.page.evaluate(() => (window as unknown as { shown: string[] }).shown);
    expect(shown).toEqual(["Ben mentioned you: @Ana can you look?"]);
    await ana.context.close();
    await ben.context.close();
  });

  it("search finds a post and jumps to it", async () => {
    const { ana, ben } = await twoGuestsInRoom(browser.browser, baseURL, "Search room");
    await send(ben.page, "the deploy is on friday");
    await send(ben.page, "unrelated chatter");
    await post(ana.page, "unrelated chatter").waitFor();
    await ana.page.getByRole("button", { name: "Search" }).click();
    await ana.page.getByLabel("Search this room").fill("deploy");
    await ana.page.getByLabel("Search this room").press("Enter");
    const result = ana.page
      .getByRole("region", { name: "Search" })
      .getByRole("button", { name: /the deploy is on friday/ });
    await result.waitFor();
    await result.click();
    await ana.page.locator(".msg.flash", { hasText: "the deploy is on friday" }).waitFor();
    await ana.context.close();
    await ben.context.close();
  });

  it("the owner sets the topic and everyone sees it", async () => {
    const { ana, ben } = await twoGuestsInRoom(browser.browser, baseURL, "Topic room");
    await ana.page.getByRole("button", { name: "Set a topic" }).click();
    await ana.page.getByLabel("Topic").fill("Plans for Friday");
    await ana.page.getByLabel("Topic").press("Enter");
    await ben.page.getByText("Plans for Friday").waitFor();
    expect(await ben.page.getByRole("button", { name: /topic/i }).count()).toBe(0);
    await ana.context.close();
    await ben.context.close();
  });
});
