import { describe, expect, inject, it } from "vitest";
import { browserPerFile, createRoomInUI, joinAsGuest, newUser, send } from "./browser.ts";

const baseURL = inject("baseURL");
const browser = browserPerFile();

const unique = (base: string) =>
  `${base}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const PASSWORD = "correct horse battery";

describe("accounts and private rooms", () => {
  it("register, log out, a wrong password, log in, and return to the page that asked", async () => {
    const username = unique("ana");
    const { page, context, errors } = await newUser(browser.browser, baseURL);
    await page.goto("/register");
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Display name (optional)").fill("Ana Account");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Start a room" }).waitFor();
    await page.getByRole("button", { name: /Ana Account/ }).click();
    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("heading", { name: "Get started" }).waitFor();

    // Someone sends a room link; the room asks for an identity and comes back after login.
    const owner = await newUser(browser.browser, baseURL);
    await owner.page.goto("/");
    await joinAsGuest(owner.page, "Owner");
    const roomUrl = await createRoomInUI(owner.page, "Return room");
    await page.goto(roomUrl);
    await page.getByRole("heading", { name: "Join this room" }).waitFor();
    await page.getByRole("link", { name: "Log in" }).first().click();
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByText("Wrong username or password.").waitFor();
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("heading", { name: "Return room" }).waitFor();
    expect(page.url()).toBe(roomUrl);
    await send(page, "signed in and here");
    await owner.page.getByText("signed in and here").waitFor();
    expect(errors).toEqual([]);
    await context.close();
    await owner.context.close();
  });

  it("log out everywhere ends the user's other sessions", async () => {
    const username = unique("ben");
    const first = await newUser(browser.browser, baseURL);
    await first.page.goto("/register");
    await first.page.getByLabel("Username").fill(username);
    await first.page.getByLabel("Password").fill(PASSWORD);
    await first.page.getByRole("button", { name: "Create account" }).click();
    await first.page.getByRole("heading", { name: "Start a room" }).waitFor();

    const second = await newUser(browser.browser, baseURL);
    await second.page.goto("/login");
    await second.page.getByLabel("Username").fill(username);
    await second.page.getByLabel("Password").fill(PASSWORD);
    await second.page.getByRole("button", { name: "Log in" }).click();
    await second.page.getByRole("heading", { name: "Start a room" }).waitFor();
    // The other device sits in a room with its socket open.
    await createRoomInUI(second.page, "Open elsewhere");
    await second.page.getByLabel("Message", { exact: true }).waitFor();

    await first.page.goto("/settings");
    await first.page.getByRole("button", { name: "Log out everywhere" }).click();
    await first.page.getByRole("heading", { name: "Get started" }).waitFor();
    // Its socket is closed as signed out, and the room asks who is here, without a reload.
    await second.page.getByRole("heading", { name: "Join this room" }).waitFor();
    await second.page.reload();
    await second.page.getByRole("heading", { name: "Join this room" }).waitFor();
    await first.context.close();
    await second.context.close();
  });

  it("a private room refuses a user without the invite and admits one with it; the owner can remove", async () => {
    const ana = await newUser(browser.browser, baseURL);
    await ana.page.goto("/");
    await joinAsGuest(ana.page, "Ana");
    const inviteUrl = await createRoomInUI(ana.page, "Secret room", { private: true });
    expect(inviteUrl).toContain("invite=");
    const bare = inviteUrl.split("?")[0] ?? "";

    const ben = await newUser(browser.browser, baseURL);
    await ben.page.goto("/");
    await joinAsGuest(ben.page, "Ben");
    await ben.page.getByRole("heading", { name: "Start a room" }).waitFor();
    await ben.page.goto(bare);
    await ben.page.getByRole("heading", { name: "Can't open this room" }).waitFor();
    await ben.page.getByText(/private/).waitFor();

    await ben.page.goto(inviteUrl);
    await ben.page.getByRole("heading", { name: "Secret room" }).waitFor();
    await send(ben.page, "in with the invite");
    await ana.page.getByText("in with the invite").waitFor();

    // The owner removes Ben: his page says so and does not reconnect.
    await ana.page.getByRole("button", { name: "Remove Ben" }).click();
    await ana.page
      .getByRole("dialog", { name: "Remove Ben from the room?" })
      .getByRole("button", { name: "Remove" })
      .click();
    await ben.page.getByText("The room's owner removed you from this room.").waitFor();
    await ana.page
      .getByRole("complementary")
      .getByText("Ben", { exact: true })
      .waitFor({ state: "detached" });
    await ana.context.close();
    await ben.context.close();
  });

  it("the owner renames the room and rotates the invite: old links stop admitting newcomers", async () => {
    const ana = await newUser(browser.browser, baseURL);
    await ana.page.goto("/");
    await joinAsGuest(ana.page, "Ana");
    const oldInvite = await createRoomInUI(ana.page, "Plans", { private: true });
    const ben = await newUser(browser.browser, baseURL);
    await ben.page.goto(oldInvite);
    await joinAsGuest(ben.page, "Ben");
    await ben.page.getByRole("heading", { name: "Plans" }).waitFor();

    await ana.page.getByRole("button", { name: "Settings", exact: true }).click();
    await ana.page.getByLabel("Room name").fill("Weekend plans");
    await ana.page.getByRole("button", { name: "Save", exact: true }).click();
    await ben.page.getByRole("heading", { name: "Weekend plans" }).waitFor();

    await ana.page.getByRole("button", { name: "Make a new link" }).click();
    await ana.page.getByText("New invite link made").waitFor();
    const newInvite = (await ana.page.locator(".invite-link").textContent()) ?? "";
    expect(newInvite).not.toBe(oldInvite);

    const cid = await newUser(browser.browser, baseURL);
    await cid.page.goto("/");
    await joinAsGuest(cid.page, "Cid");
    await cid.page.getByRole("heading", { name: "Start a room" }).waitFor();
    await cid.page.goto(oldInvite);
    await cid.page.getByRole("heading", { name: "Can't open this room" }).waitFor();
    await cid.page.goto(newInvite);
    await cid.page.getByRole("heading", { name: "Weekend plans" }).waitFor();
    // Ben is a member already: he stays in without any token.
    await ben.page.goto(oldInvite.split("?")[0] ?? "");
    await ben.page.getByRole("heading", { name: "Weekend plans" }).waitFor();
    for (const u of [ana, ben, cid]) await u.context.close();
  });

  it("leaving a private room drops it from the lobby and takes the invite to come back", async () => {
    const ana = await newUser(browser.browser, baseURL);
    await ana.page.goto("/");
    await joinAsGuest(ana.page, "Ana");
    const inviteUrl = await createRoomInUI(ana.page, "Quiet corner", { private: true });
    const bare = inviteUrl.split("?")[0] ?? "";

    const ben = await newUser(browser.browser, baseURL);
    await ben.page.goto(inviteUrl);
    await joinAsGuest(ben.page, "Ben");
    await send(ben.page, "hello, then goodbye");
    await ana.page.getByText("hello, then goodbye").waitFor();

    await ben.page.getByRole("button", { name: "Leave" }).click();
    await ben.page
      .getByRole("dialog", { name: "Leave this room?" })
      .getByRole("button", { name: "Leave" })
      .click();
    await ben.page.waitForURL(`${baseURL}/`);
    await ben.page.getByRole("heading", { name: "Start a room" }).waitFor();
    expect(await ben.page.getByRole("link", { name: /Quiet corner/ }).count()).toBe(0);
    await ana.page
      .getByRole("complementary")
      .getByText("Ben", { exact: true })
      .waitFor({ state: "detached" });

    await ben.page.goto(bare);
    await ben.page.getByRole("heading", { name: "Can't open this room" }).waitFor();
    await ana.context.close();
    await ben.context.close();
  });
});
