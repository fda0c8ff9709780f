import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { joinAsGuest, launch, newUser } from "./browser.ts";

const baseURL = inject("baseURL");
let browser: Awaited<ReturnType<typeof launch>>;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("chat slice", () => {
  it("two guests chat in real time and history survives a reload", async () => {
    const ana = await newUser(browser.browser, baseURL);
    await ana.page.goto("/");
    await joinAsGuest(ana.page, "Ana");
    await ana.page.getByLabel("Room name").fill("Slice room");
    await ana.page.getByRole("button", { name: "Create room" }).click();
    await ana.page.waitForURL(/\/r\/[A-Za-z0-9_-]+$/);
    const roomUrl = ana.page.url();
    await ana.page.getByRole("heading", { name: "Slice room" }).waitFor();

    const ben = await newUser(browser.browser, baseURL);
    await ben.page.goto(roomUrl); // deep link straight into the room
    await joinAsGuest(ben.page, "Ben");
    await ben.page.getByRole("heading", { name: "Slice room" }).waitFor();

    await ana.page.getByLabel("Message").fill("Hello from Ana");
    await ana.page.getByRole("button", { name: "Send" }).click();
    await ben.page.getByText("Hello from Ana").waitFor();

    await ben.page.getByLabel("Message").fill("Hi Ana, Ben here");
    await ben.page.getByLabel("Message").press("Enter");
    await ana.page.getByText("Hi Ana, Ben here").waitFor();

    await ben.page.reload();
    await ben.page.getByText("Hello from Ana").waitFor();
    await ben.page.getByText("Hi Ana, Ben here").waitFor();
    expect(await ben.page.getByText("Hello from Ana").count()).toBe(1);

    expect(ana.errors).toEqual([]);
    expect(ben.errors).toEqual([]);
    await ana.context.close();
    await ben.context.close();
  });

  it("shows a 404 page for unknown paths and JSON for unknown API paths", async () => {
    const { page, context } = await newUser(browser.browser, baseURL);
    await page.goto("/no/such/page");
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    const res = await page.request.get("/api/no-such-route");
    expect(res.status()).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    await context.close();
  });
});
