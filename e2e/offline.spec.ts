import { describe, expect, it } from "vitest";
import { createRoomInUI, joinAsGuest, newUser, postTexts, send } from "./browser.ts";
import { probeCache } from "./cache-probe.ts";
import { restartableServerPerFile } from "./restartable-server.ts";

const own = restartableServerPerFile("offline");

describe("offline", () => {
  it("a visited room opens from the cache with the server down; posts queue and go out once when it is back", async () => {
    let server = await own.start();
    const { port } = server;
    const { page, context, errors } = await newUser(own.browser, server.url);
    await page.goto("/");
    await joinAsGuest(page, "Ana");
    const roomUrl = await createRoomInUI(page, "Cabin");
    await send(page, "one");
    await send(page, "two");
    await page.locator('.msg[data-status="sent"]', { hasText: "two" }).waitFor();
    // The service worker has the app, the cache has the room.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await expect
      .poll(async () => Object.values((await probeCache(page)).rooms).flat()[0]?.texts)
      .toEqual(["one", "two"]);
    await page.goto("/");
    const mine = page.getByRole("region", { name: "Your rooms" });
    await mine.getByRole("link", { name: /Cabin/ }).waitFor();

    await server.kill();
    // A fresh load of the room: the app from the service worker, the posts from the cache.
    await page.goto(roomUrl);
    await page.getByRole("heading", { name: "Cabin" }).waitFor();
    expect(await postTexts(page)).toEqual(["one", "two"]);
    const banner = page.getByRole("status").filter({ hasText: "You're offline" });
    await banner.waitFor();
    await page.getByTitle("Not connected").waitFor();
    // Read-only: no reactions or edits on the saved copy, but the composer queues.
    expect(await page.getByRole("button", { name: "Reply" }).count()).toBe(2);
    expect(await page.getByRole("button", { name: "Edit" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Add a reaction" }).count()).toBe(0);
    await send(page, "three (written offline)");
    await page.locator('.msg[data-status="pending"]', { hasText: "three" }).waitFor();
    await banner.filter({ hasText: "1 waiting to send" }).waitFor();
    // The lobby too: the saved list of rooms.
    await page.goto("/");
    await page.getByText("Offline · saved list").waitFor();
    await mine.getByRole("link", { name: /Cabin/ }).click();
    await page.locator('.msg[data-status="pending"]', { hasText: "three" }).waitFor();

    server = await own.start(port);
    await page
      .getByRole("button", { name: "Retry now" })
      .click({ timeout: 5000 })
      .catch(() => {});
    await page
      .locator('.msg[data-status="sent"]', { hasText: "three (written offline)" })
      .waitFor({ timeout: 40_000 });
    await page.locator('.msg[data-status="pending"]').waitFor({ state: "detached" });
    await banner.waitFor({ state: "detached" });
    const expected = ["one", "two", "three (written offline)"];
    expect(await postTexts(page)).toEqual(expected);
    // Connected again: the room is no longer read-only.
    expect(await page.getByRole("button", { name: "Edit" }).count()).toBe(3);

    // Stored exactly once: someone who never saw the room reads it from the server.
    const ben = await newUser(own.browser, server.url);
    await ben.page.goto(roomUrl);
    await joinAsGuest(ben.page, "Ben");
    await ben.page.getByText("three (written offline)").waitFor();
    expect(await postTexts(ben.page)).toEqual(expected);
    expect(errors).toEqual([]);
    await context.close();
    await ben.context.close();
  });
});
