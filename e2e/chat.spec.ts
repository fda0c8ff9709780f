import { describe, expect, inject, it } from "vitest";
import {
  browserPerFile,
  createRoomInUI,
  joinAsGuest,
  newUser,
  postTexts,
  send,
  twoGuestsInRoom,
} from "./browser.ts";

const baseURL = inject("baseURL");
const browser = browserPerFile();

describe("chat", () => {
  it("two guests chat both ways in real time; a guest joins by link; reload keeps history", async () => {
    const ana = await newUser(browser.browser, baseURL);
    await ana.page.goto("/");
    await joinAsGuest(ana.page, "Ana");
    const roomUrl = await createRoomInUI(ana.page, "Slice room");

    const ben = await newUser(browser.browser, baseURL);
    await ben.page.goto(roomUrl); // deep link straight into the room: guest form, then the room
    await ben.page.getByRole("heading", { name: "Join this room" }).waitFor();
    await joinAsGuest(ben.page, "Ben");
    await ben.page.getByRole("heading", { name: "Slice room" }).waitFor();
    expect(ben.page.url()).toBe(roomUrl);

    await ana.page.getByLabel("Message").fill("Hello from Ana");
    await ana.page.getByRole("button", { name: "Send" }).click();
    await ben.page.getByText("Hello from Ana").waitFor();

    await send(ben.page, "Hi Ana, Ben here");
    await ana.page.getByText("Hi Ana, Ben here").waitFor();

    // Presence: each sees the other in the members panel.
    await ana.page.getByRole("complementary").getByText("Ben").waitFor();

    await ben.page.reload();
    await ben.page.getByText("Hello from Ana").waitFor();
    expect(await postTexts(ben.page)).toEqual(["Hello from Ana", "Hi Ana, Ben here"]);

    // Ben leaves: Ana's member list drops him.
    await ben.page.close();
    await ana.page
      .getByRole("complementary")
      .getByText("Ben", { exact: true })
      .waitFor({ state: "detached" });

    expect(ana.errors).toEqual([]);
    expect(ben.errors).toEqual([]);
    await ana.context.close();
    await ben.context.close();
  });

  it("shows a send as pending, then sent; Shift+Enter makes a new line; only the box is named Message", async () => {
    const ana = await newUser(browser.browser, baseURL);
    await ana.page.goto("/");
    await joinAsGuest(ana.page, "Ana");
    await createRoomInUI(ana.page, "Pending room");

    // Hold the socket's outgoing frames for a moment so the pending state is observable.
    await ana.page.evaluate(() => {
      const real = WebSocket.prototype.send;
      WebSocket.prototype.send = function (this: WebSocket, data) {
        setTimeout(() => real.call(this, data), 600);
      };
    });
    const box = ana.page.getByLabel("Message");
    await box.fill("Message one");
    await box.press("Shift+Enter");
    await box.pressSequentially("line two");
    expect(await box.inputValue()).toBe("Message one\nline two");
    await box.press("Enter");
    const pending = ana.page.locator('.msg[data-status="pending"]');
    await pending.getByText("Sending…").waitFor();
    await pending.waitFor({ state: "detached" });
    await ana.page.locator('.msg[data-status="sent"]', { hasText: "line two" }).waitFor();
    expect(await postTexts(ana.page)).toEqual(["Message one\nline two"]);
    expect(await box.inputValue()).toBe("");

    // Tests find the composer with getByLabel("Message"), which matches substrings: nothing else
    // on the page may carry the word in its label, even with posts that contain it.
    expect(await ana.page.getByLabel("Message").count()).toBe(1);
    await ana.context.close();
  });

  it("renders markdown-lite as elements, never as HTML, and links open safely", async () => {
    const ana = await newUser(browser.browser, baseURL);
    await ana.page.goto("/");
    await joinAsGuest(ana.page, "Ana");
    await createRoomInUI(ana.page, "Markdown room");
    await send(
      ana.page,
      "**bold** _it_ `code` <img src=x onerror=alert(1)> https://example.com/a?b=1 @Ana",
    );
    const post = ana.page.locator('.msg[data-status="sent"]').last();
    await post.waitFor();
    expect(await post.locator("strong").textContent()).toBe("bold");
    expect(await post.locator("em").textContent()).toBe("it");
    expect(await post.locator(".text code").textContent()).toBe("code");
    expect(await post.locator("img").count()).toBe(0);
    await post.getByText("<img src=x onerror=alert(1)>").waitFor();
    const link = post.getByRole("link", { name: "https://example.com/a?b=1" });
    expect(await link.getAttribute("rel")).toContain("noopener");
    expect(await link.getAttribute("rel")).toContain("noreferrer");
    expect(await link.getAttribute("target")).toBe("_blank");
    // A mention of the reader (by display name) stands out from other mentions.
    expect(await post.locator(".mention.me").textContent()).toBe("@Ana");
    await ana.context.close();
  });

  it("replies quote the original for both users", async () => {
    const { ana, ben } = await twoGuestsInRoom(browser.browser, baseURL, "Reply room");
    await send(ana.page, "Lunch at noon?");
    const original = ben.page.getByRole("article").filter({ hasText: "Lunch at noon?" });
    await original.waitFor();
    await original.hover();
    await original.getByRole("button", { name: "Reply" }).click();
    await ben.page.getByText("Replying to").waitFor();
    await send(ben.page, "Yes, see you there");
    for (const page of [ana.page, ben.page]) {
      const reply = page.getByRole("article").filter({ hasText: "Yes, see you there" });
      await reply.waitFor();
      await reply.getByRole("button", { name: /^In reply to .*Lunch at noon\?/ }).waitFor();
    }
    await ana.context.close();
    await ben.context.close();
  });

  it("shows a 404 page for unknown paths and JSON for unknown API paths", async () => {
    const { page, context } = await newUser(browser.browser, baseURL);
    await page.goto("/no/such/page");
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    await page.getByRole("link", { name: "Back to the lobby" }).click();
    await page.waitForURL(`${baseURL}/`);
    const res = await page.request.get("/api/no-such-route");
    expect(res.status()).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "unknown_route" } });
    await context.close();
  });

  it("an unknown room says so instead of spinning", async () => {
    const { page, context } = await newUser(browser.browser, baseURL);
    await page.goto("/");
    await joinAsGuest(page, "Ana");
    await page.goto("/r/nosuchroom123");
    await page.getByRole("heading", { name: "Can't open this room" }).waitFor();
    await context.close();
  });
});
