// `npm run measure:long-room`: how the room page holds up with a long history. Fills one room with
// POSTS posts (default 10,000) over plain sockets, then pages back through all of them in headless
// Chromium and reports per-page times, main-thread long tasks, scroll frame times and the time to
// send a post with everything loaded. Not part of `npm test` (it takes minutes).
import type { ServerFrame } from "../protocol/index.ts";
import { startServer } from "../scripts/local-server.ts";
import { launch, newUser } from "./browser.ts";
import { createRoom, guestCookie, openSocket } from "./seed.ts";

const POSTS = Number(process.env.POSTS ?? 10_000);
const WRITERS = 50;

type Win = Window & { __long: number[]; __sent: Promise<{ pendingMs: number; sentMs: number }> };

const server = await startServer();
const browser = await launch();
try {
  const base = server.url;
  const owner = await guestCookie(base, "Owner");
  const roomId = await createRoom(base, owner, "Long room");
  const seedStart = Date.now();
  const per = Math.ceil(POSTS / WRITERS);
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const s = await openSocket(base, await guestCookie(base, `Writer ${w}`), roomId);
      for (let i = 0; i < per && w * per + i < POSTS; i++) {
        const clientId = `long-${w}-${i}-post`;
        for (;;) {
          s.ws.send(JSON.stringify({ type: "send", clientId, text: `Post ${w}-${i} lorem ipsum` }));
          const r = await s.next(
            (f): f is Extract<ServerFrame, { type: "ack" | "error" }> =>
              (f.type === "ack" && f.clientId === clientId) ||
              (f.type === "error" && f.ref === clientId),
          );
          if (r.type === "ack") break;
          await new Promise((res) => setTimeout(res, r.retryAfter ?? 200));
        }
      }
      s.ws.close();
    }),
  );
  console.log(`seeded ${POSTS} posts in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

  const { page, context } = await newUser(browser.browser, base);
  const [name, value] = owner.split("=");
  if (!name || !value) throw new Error("bad cookie");
  await context.addCookies([{ name, value, url: base }]);
  const navStart = Date.now();
  await page.goto(`/r/${roomId}`);
  await page.locator('.msg[data-status="sent"]').first().waitFor();
  console.log(`latest posts shown ${Date.now() - navStart} ms after navigation`);

  await page.evaluate(() => {
    const w = window as unknown as Win;
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(e.duration);
    }).observe({ type: "longtask" });
  });
  // CSS locators only: role and text locators scan the whole DOM and would time the harness.
  const list = page.locator("section.messages");
  const pageTimes: number[] = [];
  for (;;) {
    const r = await list.evaluate(async (el) => {
      if (el.querySelector(".history-top p")) return null; // "This is the start of the room."
      const n0 = el.querySelectorAll(".msg").length;
      const start = performance.now();
      el.scrollTop = 0;
      while (el.querySelectorAll(".msg").length === n0) {
        await new Promise((res) => requestAnimationFrame(() => res(null)));
        if (performance.now() - start > 20_000) throw new Error(`stuck at ${n0} posts`);
      }
      await new Promise((res) => requestAnimationFrame(() => res(null)));
      return { ms: performance.now() - start, n: n0 };
    });
    if (r === null) break;
    pageTimes.push(r.ms);
    if (pageTimes.length % 25 === 0)
      console.log(`  ${r.n} loaded, last page ${Math.round(r.ms)} ms`);
  }
  const longTasks = await page.evaluate(() => (window as unknown as Win).__long);
  const frames = await list.evaluate(async (el) => {
    const out: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 120; i++) {
      el.scrollTop += 300;
      await new Promise((res) => requestAnimationFrame(() => res(null)));
      const now = performance.now();
      out.push(now - last);
      last = now;
    }
    return out.sort((a, b) => a - b);
  });
  const text = `one more ${Date.now()}`;
  const box = page.getByRole("textbox", { name: "Message", exact: true });
  await box.fill(text);
  await page.evaluate((t) => {
    const w = window as unknown as Win;
    w.__sent = new Promise((resolve) => {
      const start = performance.now();
      let pendingMs = 0;
      const mo = new MutationObserver(() => {
        if (!pendingMs && document.querySelector('.msg[data-status="pending"]'))
          pendingMs = performance.now() - start;
        const sent = [...document.querySelectorAll('.msg[data-status="sent"]')].slice(-3);
        if (sent.some((e) => e.textContent?.includes(t))) {
          mo.disconnect();
          resolve({ pendingMs, sentMs: performance.now() - start });
        }
      });
      mo.observe(document.body, { childList: true, subtree: true, attributes: true });
    });
  }, text);
  await box.press("Enter");
  const send = await page.evaluate(() => (window as unknown as Win).__sent);
  const total = await page.locator(".msg").count();
  pageTimes.sort((a, b) => a - b);
  const pct = (xs: number[], p: number) => Math.round(xs[Math.floor((xs.length - 1) * p)] ?? 0);
  console.log(
    JSON.stringify(
      {
        postsLoaded: total,
        pages: pageTimes.length,
        pageMs: { median: pct(pageTimes, 0.5), p95: pct(pageTimes, 0.95), max: pct(pageTimes, 1) },
        longTasks: { count: longTasks.length, max: Math.round(Math.max(0, ...longTasks)) },
        scrollFrameMs: { median: pct(frames, 0.5), p95: pct(frames, 0.95) },
        sendWithAllLoadedMs: { pending: Math.round(send.pendingMs), sent: Math.round(send.sentMs) },
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await server.stop();
}
