import { describe, expect, inject, it } from "vitest";
import { axe } from "./axe.ts";
import { browserPerFile, createRoomInUI, joinAsGuest, newUser, send } from "./browser.ts";

const baseURL = inject("baseURL");
const browser = browserPerFile();

describe("accessibility and small screens", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    it(`axe finds no serious or critical violation on any page (${colorScheme})`, async () => {
      const { page, context } = await newUser(browser.browser, baseURL, { colorScheme });
      const found: Record<string, string[]> = {};
      const check = async (name: string) => {
        found[name] = await axe(page);
      };
      await page.goto("/");
      await page.getByLabel("Display name").waitFor();
      await check("welcome");
      await page.goto("/login");
      await page.getByRole("heading", { name: "Log in" }).waitFor();
      await check("login");
      await page.goto("/register");
      await page.getByRole("heading", { name: "Create an account" }).waitFor();
      await check("register");
      await page.goto("/nope");
      await page.getByRole("heading", { name: "Page not found" }).waitFor();
      await check("404");
      await page.goto("/");
      await joinAsGuest(page, "Ana");
      await page.getByRole("heading", { name: "Start a room" }).waitFor();
      await check("lobby");
      await createRoomInUI(page, "Axe room");
      await send(page, "Hello **world** with `code` and https://example.com");
      await page.locator('.msg[data-status="sent"]').waitFor();
      await check("room");
      await page.getByRole("button", { name: "Search" }).click();
      await check("room with search");
      await page.goto("/settings");
      await page.getByRole("heading", { name: "Settings" }).waitFor();
      await check("settings");
      for (const [name, list] of Object.entries(found)) expect(list, name).toEqual([]);
      await context.close();
    });
  }

  it("works at 375 px: no sideways scrolling, members in a drawer, chat usable", async () => {
    const { page, context } = await newUser(browser.browser, baseURL, { width: 375, height: 740 });
    await page.goto("/");
    await joinAsGuest(page, "Pia");
    const noSideScroll = () =>
      page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await noSideScroll()).toBe(true);
    await createRoomInUI(page, "Phone room");
    await send(
      page,
      "A long line that should wrap nicely on a narrow phone screen without overflow",
    );
    await page.locator('.msg[data-status="sent"]').waitFor();
    expect(await noSideScroll()).toBe(true);
    const composer = await page.getByLabel("Message").boundingBox();
    expect(composer && composer.x >= 0 && composer.x + composer.width <= 375).toBe(true);

    const panel = page.getByRole("complementary");
    expect(await panel.isVisible()).toBe(false);
    await page.getByRole("button", { name: /Members/ }).click();
    await panel.getByText("Pia").waitFor();
    await page.getByRole("button", { name: "Close members" }).first().click();
    await panel.waitFor({ state: "hidden" });
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it("keyboard only: sign in, create a room, send, reply", async () => {
    const { page, context } = await newUser(browser.browser, baseURL);
    await page.goto("/");
    await page.getByLabel("Display name").focus();
    await page.keyboard.type("Kim");
    await page.keyboard.press("Enter");
    await page.getByLabel("Room name").waitFor();
    await page.getByLabel("Room name").focus();
    await page.keyboard.type("Keys room");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Keys room" }).waitFor();
    await page.getByLabel("Message").focus();
    await page.keyboard.type("typed without a mouse");
    await page.keyboard.press("Enter");
    await page.locator('.msg[data-status="sent"]').waitFor();
    // Tab from the conversation into the post's toolbar and reply with the keyboard.
    await page.getByRole("log", { name: "Conversation" }).focus();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      const name = await page.evaluate(() => document.activeElement?.textContent ?? "");
      if (name.includes("Reply")) break;
    }
    await page.keyboard.press("Enter");
    await page.getByText("Replying to").waitFor();
    await page.keyboard.type("and a reply");
    await page.keyboard.press("Enter");
    await page
      .getByRole("article")
      .filter({ hasText: "and a reply" })
      .getByRole("button", { name: /^In reply to / })
      .waitFor();
    await context.close();
  });
});
