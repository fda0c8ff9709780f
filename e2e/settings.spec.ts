import { describe, expect, inject, it } from "vitest";
import { browserPerFile, createRoomInUI, joinAsGuest, newUser, send } from "./browser.ts";

const baseURL = inject("baseURL");
const browser = browserPerFile();

describe("settings and profile", () => {
  it("changes the display name and colour, and the theme override sticks across reloads", async () => {
    const { page, context } = await newUser(browser.browser, baseURL);
    await page.goto("/");
    await joinAsGuest(page, "Dee");
    await page.goto("/settings");
    await page.getByLabel("Display name").fill("Dee Renamed");
    await page.getByLabel("Colour #15803d").check();
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("Saved.").waitFor();
    await page.getByRole("button", { name: /Dee Renamed/ }).waitFor();
    const me = (await (await page.request.get("/api/me")).json()) as {
      user: { name: string; color: string };
    };
    expect(me.user).toMatchObject({ name: "Dee Renamed", color: "#15803d" });

    // System theme is light here; the override wins and survives a reload.
    await page.getByText("Dark", { exact: true }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    await page.reload();
    await page.getByRole("heading", { name: "Settings" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).not.toBe("rgb(246, 247, 251)");
    await page.getByText("System", { exact: true }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();

    // New posts carry the new name.
    await createRoomInUI(page, "Name room");
    await send(page, "after the rename");
    await page
      .getByRole("article")
      .filter({ hasText: "after the rename" })
      .getByText("Dee Renamed")
      .waitFor();
    await context.close();
  });

  it("a member's name opens their profile", async () => {
    const { page, context } = await newUser(browser.browser, baseURL);
    await page.goto("/");
    await joinAsGuest(page, "Eve");
    await createRoomInUI(page, "Profile room");
    await page.getByRole("complementary").getByRole("link", { name: "Eve" }).click();
    await page.getByRole("heading", { name: "Eve" }).waitFor();
    await page.getByRole("link", { name: "Edit profile" }).click();
    await page.getByRole("heading", { name: "Settings" }).waitFor();
    await context.close();
  });

  it("an account's profile is at /u/<username>; an unknown one says so", async () => {
    const username = `zoe_${Date.now().toString(36)}`;
    const { page, context } = await newUser(browser.browser, baseURL);
    await page.goto("/register");
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Display name (optional)").fill("Zoe Z");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Start a room" }).waitFor();
    const other = await newUser(browser.browser, baseURL);
    await other.page.goto("/");
    await joinAsGuest(other.page, "Visitor");
    await other.page.getByRole("heading", { name: "Start a room" }).waitFor();
    await other.page.goto(`/u/${username}`);
    await other.page.getByRole("heading", { name: "Zoe Z" }).waitFor();
    await other.page.getByText(`@${username}`).waitFor();
    await other.page.goto("/u/nobody_here_at_all");
    await other.page.getByText("There's no one called @nobody_here_at_all.").waitFor();
    await context.close();
    await other.context.close();
  });
});
