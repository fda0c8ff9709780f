// The web app on Cloudflare Pages: static files from Pages, /api/* (HTTP and sockets) through a
// Pages Function and a service binding to the Worker, all on one origin.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, startServer } from "../scripts/local-server.ts";
import { createRoomInUI, joinAsGuest, launch, newUser, postTexts, send } from "./browser.ts";

let browser: Awaited<ReturnType<typeof launch>>;
let server: LocalServer | undefined;

beforeAll(async () => {
  server = await startServer({ pages: true });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the Pages deployment", () => {
  it("serves the app; two guests chat over sockets through the Function; reload keeps history", async () => {
    if (!server) throw new Error("no server");
    const health = await fetch(`${server.url}/api/health`);
    expect(health.headers.get("content-type")).toContain("application/json");

    const ana = await newUser(browser.browser, server.url);
    await ana.page.goto("/");
    await joinAsGuest(ana.page, "Ana");
    const roomUrl = await createRoomInUI(ana.page, "Pages room");
    const ben = await newUser(browser.browser, server.url);
    await ben.page.goto(roomUrl);
    await joinAsGuest(ben.page, "Ben");
    await ben.page.getByRole("heading", { name: "Pages room" }).waitFor();

    await send(ana.page, "Hello through Pages");
    await ben.page.getByText("Hello through Pages").waitFor();
    await send(ben.page, "Right back at you");
    await ana.page.getByText("Right back at you").waitFor();

    await ben.page.reload();
    await ben.page.getByText("Right back at you").waitFor();
    expect(await postTexts(ben.page)).toEqual(["Hello through Pages", "Right back at you"]);
  });
});
