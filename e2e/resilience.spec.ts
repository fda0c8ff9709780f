import { describe, expect, it } from "vitest";
import { createRoomInUI, joinAsGuest, newUser, postTexts, send } from "./browser.ts";
import { restartableServerPerFile } from "./restartable-server.ts";

const own = restartableServerPerFile("restart");

describe("resilience", () => {
  it("both clients reconnect after a server crash and catch up without loss or duplicates", async () => {
    let server = await own.start();
    const { url, port } = server;
    const ana = await newUser(own.browser, url);
    await ana.page.goto("/");
    await joinAsGuest(ana.page, "Ana");
    const roomUrl = await createRoomInUI(ana.page, "Crash room");
    const ben = await newUser(own.browser, url);
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

    server = await own.start(port);
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
    const server = own.server;
    if (!server) throw new Error("server missing");
    const ana = await newUser(own.browser, server.url);
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
    const server = own.server;
    if (!server) throw new Error("server missing");
    const ana = await newUser(own.browser, server.url);
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
