import { gzipSync } from "node:zlib";
import { launch } from "../../e2e/browser.ts";
import { BenchClient } from "../client.ts";
import { createRoom } from "../http.ts";
import { round } from "../metrics.ts";
import { type Context, closeAll, connectAll, drain, pace, Recorder, sleep } from "../scenario.ts";
import { never } from "./fan-out.ts";

export type WebResult = {
  /** Every script the lobby page loads, gzip -6 as a CDN would serve it. */
  lobbyScripts: { url: string; bytes: number; gzipBytes: number }[];
  lobbyJsGzipKb: number;
  /** Navigation start to the room's latest message on screen (headless Chromium), per try. */
  roomLatestMs: number[];
  roomLatestMedianMs: number;
};

/**
 * The app in headless Chromium against the same server: the lobby's initial JavaScript (gzip)
 * and how soon a room page shows its latest message after navigation (a room of 200 messages,
 * a signed-in guest, a fresh page each time).
 */
export async function web(ctx: Context): Promise<WebResult> {
  const { browser, close } = await launch();
  try {
    const context = await browser.newContext({ baseURL: ctx.base });
    const page = await context.newPage();
    const scripts: WebResult["lobbyScripts"] = [];
    const pending: Promise<void>[] = [];
    page.on("response", (res) => {
      if (res.request().resourceType() !== "script") return;
      pending.push(
        res.body().then((body) => {
          scripts.push({
            url: new URL(res.url()).pathname,
            bytes: body.length,
            gzipBytes: gzipSync(body, { level: 6 }).length,
          });
        }),
      );
    });
    await page.goto("/", { waitUntil: "load", timeout: 20_000 });
    await sleep(500); // lazy route chunks
    await Promise.all(pending);
    ctx.log(`web: lobby loaded ${scripts.length} scripts`);
    page.removeAllListeners("response");

    // A guest's room of 200 messages, written by ten guests at 4 msg/s each (inside the limits).
    const writers = await ctx.pool.take(10);
    const who = writers[0] ?? never();
    const roomId = await createRoom(ctx.base, who, "Web timing");
    const rec = new Recorder();
    const clients = writers.map((w) => new BenchClient(ctx.base, roomId, w, rec));
    await connectAll(clients);
    await pace([{ senders: clients, rate: 40 }], 5000, "history");
    const latest = "the latest message, number 201";
    clients[0]?.send(latest);
    await drain(clients);
    await closeAll(clients);
    ctx.log(`web: room seeded with ${rec.accepted} messages`);
    const [name, value] = who.cookie.split("=");
    await context.addCookies([{ name: name ?? "", value: value ?? "", url: ctx.base }]);

    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const p = await context.newPage();
      const start = performance.now();
      await p.goto(`/r/${roomId}`, { waitUntil: "commit" });
      await p.getByText(latest).waitFor({ timeout: 10_000 });
      times.push(round(performance.now() - start));
      await p.close();
    }
    await context.close();
    const sorted = [...times].sort((a, b) => a - b);
    return {
      lobbyScripts: scripts,
      lobbyJsGzipKb: round(scripts.reduce((n, s) => n + s.gzipBytes, 0) / 1024, 1),
      roomLatestMs: times,
      roomLatestMedianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    };
  } finally {
    await close();
  }
}
