import { describe, expect, inject, it } from "vitest";
import { axe } from "./axe.ts";
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

/** The accessible name of the focused element and whether it is inside the open dialog. */
function focused(page: import("playwright-core").Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { text: el?.textContent ?? "", inDialog: !!el?.closest("dialog[open]") };
  });
}

describe("confirmation dialog", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    it(`is keyboard-usable and axe-clean: focus stays in it, Escape cancels, Enter confirms (${colorScheme})`, async () => {
      const { page, context } = await newUser(browser.browser, baseURL, { colorScheme });
      await page.goto("/");
      await joinAsGuest(page, "Kim");
      await createRoomInUI(page, `Dialog room ${colorScheme}`);
      await send(page, "a post to keep");
      await page.locator('.msg[data-status="sent"]').waitFor();

      const leave = page.getByRole("button", { name: "Leave", exact: true });
      await leave.focus();
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog", { name: "Leave this room?" });
      await dialog.waitFor();
      expect(await dialog.getAttribute("aria-describedby")).toBeTruthy();
      await dialog.getByText(/drops off your rooms/).waitFor();
      // A destructive question starts on Cancel; Tab and Shift+Tab never leave the dialog.
      expect(await focused(page)).toEqual({ text: "Cancel", inDialog: true });
      const seen = new Set<string>();
      for (const key of ["Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
        await page.keyboard.press(key);
        const f = await focused(page);
        expect(f.inDialog, `after ${key}`).toBe(true);
        seen.add(f.text);
      }
      expect([...seen].sort()).toEqual(["Cancel", "Leave"]);
      expect(await axe(page)).toEqual([]);

      // Escape cancels: still in the room, focus back on the Leave button.
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      await page.getByText("a post to keep").waitFor();
      expect(await leave.evaluate((el) => el === document.activeElement)).toBe(true);

      // Again, and this time go ahead with the keyboard.
      await page.keyboard.press("Enter");
      await dialog.waitFor();
      await page.keyboard.press("Tab");
      expect((await focused(page)).text).toBe("Leave");
      await page.keyboard.press("Enter");
      await page.waitForURL(`${baseURL}/`);
      await page.getByRole("heading", { name: "Start a room" }).waitFor();
      await context.close();
    });
  }

  it("deleting a post asks first; Cancel keeps it", async () => {
    const { page, context } = await newUser(browser.browser, baseURL);
    await page.goto("/");
    await joinAsGuest(page, "Lee");
    await createRoomInUI(page, "Delete room");
    await send(page, "think twice");
    const post = page.locator('.msg[data-status="sent"]', { hasText: "think twice" });
    await post.hover();
    await post.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this post?" });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.waitForTimeout(300);
    expect(await page.getByText("This post was deleted.").count()).toBe(0);
    await post.waitFor();
    await context.close();
  });
});

describe("the owner's bans", () => {
  it("a ban made from the members list shows in the room settings and is lifted from there", async () => {
    const { ana, ben, roomUrl } = await twoGuestsInRoom(browser.browser, baseURL, "Ban room");
    await ana.page.getByRole("complementary").getByText("Ben", { exact: true }).waitFor();
    await ana.page.getByRole("button", { name: "Ban Ben" }).click();
    const ask = ana.page.getByRole("dialog", { name: "Ban Ben?" });
    await ask.getByRole("button", { name: "Ban" }).click();
    await ben.page.getByText("The room's owner banned you from this room.").waitFor();

    await ana.page.getByRole("button", { name: "Settings", exact: true }).click();
    const bans = ana.page.getByRole("region", { name: /Banned/ });
    await bans.getByText("Ben", { exact: true }).waitFor();
    await bans.getByText(/Guest · banned just now/).waitFor();
    expect(await axe(ana.page)).toEqual([]);

    // Still banned: Ben cannot come back yet.
    await ben.page.goto(roomUrl);
    await ben.page.getByRole("heading", { name: "Can't open this room" }).waitFor();

    await bans.getByRole("button", { name: "Lift ban on Ben" }).click();
    const lift = ana.page.getByRole("dialog", { name: "Lift the ban on Ben?" });
    await lift.getByRole("button", { name: "Lift ban" }).click();
    await bans.getByText("Ban lifted: Ben can join again.").waitFor();
    await bans.getByText("No one is banned from this room.").waitFor();

    await ben.page.goto(roomUrl);
    await ben.page.getByRole("heading", { name: "Ban room" }).waitFor();
    await ben.page.getByTitle("Connected").waitFor();
    await ana.context.close();
    await ben.context.close();
  });
});

describe("profile links", () => {
  it("an account's name links to /u/<username>; a guest's to a guest page, never to a profile", async () => {
    const username = `zed_${Date.now().toString(36)}`;
    const zed = await newUser(browser.browser, baseURL);
    await zed.page.goto("/register");
    await zed.page.getByLabel("Username").fill(username);
    await zed.page.getByLabel("Display name (optional)").fill("Zed");
    await zed.page.getByLabel("Password").fill("correct horse battery");
    await zed.page.getByRole("button", { name: "Create account" }).click();
    await zed.page.getByRole("heading", { name: "Start a room" }).waitFor();
    const roomUrl = await createRoomInUI(zed.page, "Links room");
    await send(zed.page, "from an account");

    const ben = await newUser(browser.browser, baseURL);
    await ben.page.goto(roomUrl);
    await joinAsGuest(ben.page, "Ben");
    await send(ben.page, "from a guest");
    await ben.page.locator('.msg[data-status="sent"]', { hasText: "from a guest" }).waitFor();

    const members = ben.page.getByRole("complementary");
    const zedLink = members.getByRole("link", { name: "Zed" });
    expect(await zedLink.getAttribute("href")).toBe(`/u/${username}`);
    const benLink = members.getByRole("link", { name: "Ben" });
    expect(await benLink.getAttribute("href")).toMatch(/^\/guest\/[A-Za-z0-9_-]+$/);
    const log = ben.page.getByRole("log", { name: "Conversation" });
    expect(await log.getByRole("link", { name: "Zed", exact: true }).getAttribute("href")).toBe(
      `/u/${username}`,
    );
    expect(await log.getByRole("link", { name: "Ben", exact: true }).getAttribute("href")).toMatch(
      /^\/guest\//,
    );

    await zedLink.click();
    await ben.page.getByRole("heading", { name: "Zed" }).waitFor();
    await ben.page.getByText(`@${username}`).waitFor();
    await ben.page.goBack();
    await members.getByRole("link", { name: "Ben" }).click();
    await ben.page.getByRole("heading", { name: "Ben" }).waitFor();
    await ben.page.getByText("No account, so no public profile.").waitFor();
    await zed.context.close();
    await ben.context.close();
  });
});
