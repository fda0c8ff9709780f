import type { Browser } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { browserPerFile, createRoomInUI, joinAsGuest, newUser, send } from "./browser.ts";
import { probeCache, watchForText } from "./cache-probe.ts";

const baseURL = inject("baseURL");
const browser = browserPerFile();
const PASSWORD = "correct horse battery";
const unique = (base: string) =>
  `${base}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** An account (or a guest) with a private room and a post in it, cached in this browser. */
async function anaWithSecret(b: Browser, secret: string, opts: { guest?: boolean } = {}) {
  const ana = await newUser(b, baseURL);
  const username = unique("ana");
  if (opts.guest) {
    await ana.page.goto("/");
    await joinAsGuest(ana.page, "Ana");
  } else {
    await ana.page.goto("/register");
    await ana.page.getByLabel("Username").fill(username);
    await ana.page.getByLabel("Password").fill(PASSWORD);
    await ana.page.getByRole("button", { name: "Create account" }).click();
  }
  await ana.page.getByRole("heading", { name: "Start a room" }).waitFor();
  const invite = await createRoomInUI(ana.page, "Ana's plans", { private: true });
  await send(ana.page, secret);
  await ana.page.locator('.msg[data-status="sent"]', { hasText: secret }).waitFor();
  await expect
    .poll(async () => JSON.stringify((await probeCache(ana.page)).rooms))
    .toContain(secret);
  await ana.page.goto("/");
  await ana.page.getByRole("region", { name: "Your rooms" }).getByText("Ana's plans").waitFor();
  return { ...ana, username, roomUrl: invite.split("?")[0] ?? "" };
}

const nothingLeft = { owner: null, databases: [], rooms: {}, traces: [] };

describe("the cache belongs to one user", () => {
  it("signing out forgets everything: the next user of this browser sees nothing of the first", async () => {
    const secret = "the launch code is 0451";
    const ana = await anaWithSecret(browser.browser, secret);
    await ana.page.getByRole("button", { name: /ana_/ }).click();
    await ana.page.getByRole("button", { name: "Log out" }).click();
    await ana.page.getByRole("heading", { name: "Get started" }).waitFor();
    await expect.poll(() => probeCache(ana.page)).toEqual(nothingLeft);

    // Ben, same browser: nothing of Ana's shows, not even for a moment.
    const seen = await watchForText(ana.page, secret);
    await ana.page.reload();
    await joinAsGuest(ana.page, "Ben");
    await ana.page.getByRole("heading", { name: "Your rooms" }).waitFor();
    await ana.page.getByText("Rooms you join show up here.").waitFor();
    expect(await ana.page.getByText("Ana's plans").count()).toBe(0);
    await ana.page.goto(ana.roomUrl);
    await ana.page.getByRole("heading", { name: "Can't open this room" }).waitFor();
    expect(await seen()).toBe(false);
    const probe = await probeCache(ana.page);
    expect(JSON.stringify(probe)).not.toContain(secret);
    expect(probe.databases).toEqual([`parley-cache-${probe.owner}`]);
    expect(ana.errors).toEqual([]);
    await ana.context.close();
  });

  it("signing in as someone else (no sign-out) drops the first user's cache", async () => {
    const secret = "switch secret 77";
    // A guest can sign in to an account straight away, ending the guest's session.
    const ana = await anaWithSecret(browser.browser, secret, { guest: true });
    const anaId = (await probeCache(ana.page)).owner;
    // Bob has an account; Ana's browser signs in to it directly.
    const bob = unique("bob");
    const other = await newUser(browser.browser, baseURL);
    await other.page.goto("/register");
    await other.page.getByLabel("Username").fill(bob);
    await other.page.getByLabel("Password").fill(PASSWORD);
    await other.page.getByRole("button", { name: "Create account" }).click();
    await other.page.getByRole("heading", { name: "Start a room" }).waitFor();
    await other.context.close();

    await ana.page.goto("/login");
    await ana.page.getByLabel("Username").fill(bob);
    await ana.page.getByLabel("Password").fill(PASSWORD);
    await ana.page.getByRole("button", { name: "Log in" }).click();
    await ana.page.getByText("Rooms you join show up here.").waitFor();
    await expect
      .poll(async () => {
        const p = await probeCache(ana.page);
        return p.owner !== anaId && !p.databases.includes(`parley-cache-${anaId}`);
      })
      .toBe(true);
    expect(JSON.stringify(await probeCache(ana.page))).not.toContain(secret);
    expect(await ana.page.getByText("Ana's plans").count()).toBe(0);
    await ana.context.close();
  });

  it("a session ended elsewhere (4401) clears this browser's cache", async () => {
    const secret = "everywhere secret 9";
    const ana = await anaWithSecret(browser.browser, secret);
    await ana.page.goto(ana.roomUrl);
    await ana.page.getByText(secret).waitFor();
    await ana.page.getByTitle("Connected").waitFor();

    const laptop = await newUser(browser.browser, baseURL);
    await laptop.page.goto("/login");
    await laptop.page.getByLabel("Username").fill(ana.username);
    await laptop.page.getByLabel("Password").fill(PASSWORD);
    await laptop.page.getByRole("button", { name: "Log in" }).click();
    await laptop.page.getByRole("heading", { name: "Start a room" }).waitFor();
    await laptop.page.goto("/settings");
    await laptop.page.getByRole("button", { name: "Log out everywhere" }).click();
    await laptop.page.getByRole("heading", { name: "Get started" }).waitFor();

    // The room's socket closes with 4401: the page asks who is here and keeps nothing.
    await ana.page.getByRole("heading", { name: "Join this room" }).waitFor();
    await expect.poll(() => probeCache(ana.page)).toEqual(nothingLeft);
    expect(await ana.page.getByText(secret).count()).toBe(0);
    await ana.context.close();
    await laptop.context.close();
  });
});
