import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, startServer } from "../scripts/local-server.ts";
import { createRoomInUI, joinAsGuest, launch, newUser, postTexts, send } from "./browser.ts";

let browser: Awaited<ReturnType<typeof launch>>;
let server: LocalServer | undefined;
const state = mkdtempSync(join(tmpdir(), "parley-restart-"));

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(state, { recursive: true, force: true });
});

describe("resilience", () => {
  it("both clients reconnect after a server crash and catch up without loss or duplicates", async () => {
    await server?.stop(); // a retry must not leave the first attempt's server running
    server = await startServer({ persistTo: state });
    const { url, port } = server;
    const ana = await newUser(browser.browser, url);
    await ana.page.goto("/");
    await joinAsGuest(ana.page, "Ana");
    const roomUrl = await createRoomInUI(ana.page, "Crash room");
    const ben = await newUser(browser.browser, url);
    await ben.page.goto(roomUrl);
    await joinAsGuest(ben.page, "Ben");
    await ben.page.getByRole("heading", { name: "Crash room" }).waitFor();

    await send(ana.page, "one");
    await ben.page.getByText("one", { exact: true }).waitFor();
    await send(ben.page, "two");
    await ana.page.getByText("two", { exact: true }).waitFor();

    await server.kill();
    for (const page of [ana.page, ben.page]) {
      await page
        .getByText(/Reconnecting/)
        .first()
        .waitFor();
    }
    // Sent while the server is down: stays pending in the outbox.
    await send(ana.page, "three (sent while down)");
    await ana.page.locator('.msg[data-status="pending"]').waitFor();

    server = await startServer({ persistTo: state, port });
    // Ben uses the button; Ana waits for the automatic retry.
    await ben.page
      .getByRole("button", { name: "Retry now" })
      .click({ timeout: 5000 })
      .catch(() => {});
    for (const page of [ana.page, ben.page]) {
      await page.getByText("three (sent while down)").waitFor({ timeout: 40_000 });
    }
    await send(ben.page, "four");
    await ana.page.getByText("four", { exact: true }).waitFor();

    const expected = ["one", "two", "three (sent while down)", "four"];
    await ana.page.locator('.msg[data-status="pending"]').waitFor({ state: "detached" });
    expect(await postTexts(ana.page)).toEqual(expected);
    expect(await postTexts(ben.page)).toEqual(expected);
    // And the store agrees: a fresh load shows each exactly once.
    await ben.page.reload();
    await ben.page.getByText("four", { exact: true }).waitFor();
    expect(await postTexts(ben.page)).toEqual(expected);
    await ana.context.close();
    await ben.context.close();
  });

  it("a pending post survives a reload of the tab and is delivered once", async () => {
    if (!server) throw new Error("server missing");
    const ana = await newUser(browser.browser, server.url);
    await ana.page.goto("/");
    await joinAsGuest(ana.page, "Ana");
    await createRoomInUI(ana.page, "Reload room");
    // Swallow outgoing sends so the post stays pending, then reload.
    await ana.page.evaluate(() => {
      WebSocket.prototype.send = () => {};
    });
    await send(ana.page, "kept across reload");
    await ana.page.locator('.msg[data-status="pending"]').waitFor();
    await ana.page.reload();
    await ana.page.locator('.msg[data-status="sent"]', { hasText: "kept across reload" }).waitFor();
    await ana.page.locator('.msg[data-status="pending"]').waitFor({ state: "detached" });
    expect(await postTexts(ana.page)).toEqual(["kept across reload"]);
    await ana.context.close();
  });

  it("a long outbox is resent within the send limits after a reload, each post once", async () => {
    if (!server) throw new Error("server missing");
    const ana = await newUser(browser.browser, server.url);
    await ana.page.goto("/");
    await joinAsGuest(ana.page, "Ana");
    await createRoomInUI(ana.page, "Outbox room");
    await ana.page.evaluate(() => {
      WebSocket.prototype.send = () => {};
    });
    // More than the room tolerates in one burst: sent all at once they would be refused and the
    // socket closed for flooding; paced, every one lands.
    const posts = Array.from({ length: 35 }, (_, i) => `queued ${i + 1}`);
    for (const text of posts) await send(ana.page, text);
    await ana.page.reload();
    await ana.page
      .locator('.msg[data-status="sent"]', { hasText: "queued 35" })
      .waitFor({ timeout: 30_000 });
    await ana.page.locator('.msg[data-status="pending"]').waitFor({ state: "detached" });
    expect(await postTexts(ana.page)).toEqual(posts);
    await ana.page.getByText("Can't open this room").waitFor({ state: "detached", timeout: 100 });
    await ana.context.close();
  });
});
