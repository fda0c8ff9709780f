import { gzipSync } from "node:zlib";
import type { BrowserContext, Page } from "playwright-core";
import { launch } from "../../e2e/browser.ts";
import { BenchClient } from "../client.ts";
import { createRoom } from "../http.ts";
import { round } from "../metrics.ts";
import { type Context, closeAll, connectAll, drain, pace, Recorder, sleep } from "../scenario.ts";
import { never } from "./fan-out.ts";

/** One way of opening the room page, timed over several tries. */
export type RoomOpen = {
  ms: number[];
  medianMs: number;
  /** Medians of the page's own marks (web/src/lib/marks.ts): what the page waited for. */
  marks: Record<string, number>;
};

export type WebResult = {
  /** Every script the lobby page loads, gzip -6 as a CDN would serve it. */
  lobbyScripts: { url: string; bytes: number; gzipBytes: number }[];
  lobbyJsGzipKb: number;
  /** A room this browser never opened, the app itself already installed (the shell cached). */
  firstVisit: RoomOpen;
  /** The same room again in a new tab: shown from this browser's cache, then caught up. */
  revisit: RoomOpen;
  /** A browser that never saw the app: nothing cached at all. */
  cold: RoomOpen;
};

const TRIES = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * The time from navigation start to the first frame with `text` on the page, measured inside
 * the page (no polling delay from the test driver): a MutationObserver from the first script
 * on, and the animation frame after the text arrived.
 */
async function watchText(context: BrowserContext, text: string) {
  await context.addInitScript((t) => {
    const w = window as unknown as { __shownAt?: number };
    const check = () => {
      if (w.__shownAt === undefined && document.body?.textContent?.includes(t)) {
        requestAnimationFrame(() => {
          w.__shownAt ??= performance.now();
        });
      }
    };
    new MutationObserver(check).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  }, text);
}

/** Opens `path` in a new tab and returns when `text` showed, and the page's marks. */
async function open(context: BrowserContext, path: string, text: string) {
  const page = await context.newPage();
  await page.goto(path, { waitUntil: "commit" });
  await page.getByText(text).waitFor({ timeout: 15_000 });
  const got = await page.evaluate(() => ({
    shown: (window as unknown as { __shownAt?: number }).__shownAt ?? Number.NaN,
    marks: Object.fromEntries(
      performance
        .getEntriesByType("mark")
        .filter((m) => m.name.startsWith("parley:"))
        .map((m) => [m.name.slice("parley:".length), m.startTime]),
    ),
  }));
  return { page, ms: round(got.shown), marks: got.marks as Record<string, number> };
}

/** Installs the app in a context: the lobby loads and its service worker takes over. */
async function installApp(page: Page) {
  await page.goto("/", { waitUntil: "load" });
  // (A build without a manifest has no service worker to wait for: earlier releases.)
  await page.waitForFunction(
    () =>
      navigator.serviceWorker?.controller !== null ||
      document.querySelector('link[rel="manifest"]') === null,
    null,
    { timeout: 20_000 },
  );
}

function summary(tries: { ms: number; marks: Record<string, number> }[]): RoomOpen {
  const names = [...new Set(tries.flatMap((t) => Object.keys(t.marks)))];
  const marks = Object.fromEntries(
    names.map((n) => [
      n,
      round(median(tries.map((t) => t.marks[n]).filter((v): v is number => v !== undefined))),
    ]),
  );
  const ms = tries.map((t) => t.ms);
  return { ms, medianMs: median(ms), marks };
}

/**
 * The app in headless Chromium against the same server: the lobby's initial JavaScript (gzip)
 * and how soon a room page shows its latest message after navigation (a room of 200 messages,
 * a signed-in guest): on a first visit, on a revisit, and in a browser that has nothing cached.
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
    await context.close();

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
    const cookie = { name: name ?? "", value: value ?? "", url: ctx.base };
    const room = `/r/${roomId}`;

    const first: { ms: number; marks: Record<string, number> }[] = [];
    const again: { ms: number; marks: Record<string, number> }[] = [];
    const cold: { ms: number; marks: Record<string, number> }[] = [];
    for (let i = 0; i < TRIES; i++) {
      // A browser with the app installed (as after any earlier use) but not this room.
      const user = await browser.newContext({ baseURL: ctx.base });
      await user.addCookies([cookie]);
      await watchText(user, latest);
      const lobby = await user.newPage();
      await installApp(lobby);
      await lobby.close();
      const visit = await open(user, room, latest);
      first.push(visit);
      await sleep(1000); // the room's copy is written a moment after it changes
      await visit.page.close();
      for (let j = 0; j < 2; j++) {
        const revisit = await open(user, room, latest);
        again.push(revisit);
        await revisit.page.close();
      }
      await user.close();

      const fresh = await browser.newContext({ baseURL: ctx.base });
      await fresh.addCookies([cookie]);
      await watchText(fresh, latest);
      const visitCold = await open(fresh, room, latest);
      cold.push(visitCold);
      await fresh.close();
    }
    return {
      lobbyScripts: scripts,
      lobbyJsGzipKb: round(scripts.reduce((n, s) => n + s.gzipBytes, 0) / 1024, 1),
      firstVisit: summary(first),
      revisit: summary(again),
      cold: summary(cold),
    };
  } finally {
    await close();
  }
}
