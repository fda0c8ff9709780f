// `npm run screenshots`: builds the app, starts a local server with fresh storage, fills a
// room with a short conversation from two browsers, and saves the README screenshots
// (lobby, room and the room while reconnecting; light and dark; desktop and phone) to
// docs/screenshots/.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { joinAsGuest, launch, newUser } from "../e2e/browser.ts";
import { socketSwitch } from "../e2e/socket-switch.ts";
import { ROOT, startServer } from "./local-server.ts";

const OUT = process.env.SCREENSHOTS_DIR ?? join(ROOT, "docs/screenshots");
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };

async function say(page: Page, text: string) {
  const box = page.getByLabel("Message", { exact: true });
  await box.fill(text);
  await box.press("Enter");
  await page.waitForFunction(() => document.querySelectorAll(".outgoing").length === 0);
}

async function react(page: Page, text: string, emoji: string) {
  const post = page.locator(".msg", { hasText: text });
  await post.hover();
  await post.getByRole("button", { name: "React", exact: true }).click();
  await post.getByRole("button", { name: `React with ${emoji}` }).click();
  await page.locator(".reaction", { hasText: emoji }).first().waitFor();
}

async function shoot(page: Page, name: string, opts: { networkIdle?: boolean } = {}) {
  await page.mouse.move(0, 0); // no hover toolbar in the picture
  // Not while reconnecting: retries keep the network busy on purpose.
  if (opts.networkIdle !== false) await page.waitForLoadState("networkidle");
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(OUT, `${name}-${scheme}.png`) });
    console.log(`  ${name}-${scheme}.png`);
  }
}

mkdirSync(OUT, { recursive: true });
const build = spawnSync(
  process.execPath,
  [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"],
  {
    cwd: ROOT,
    stdio: "inherit",
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const server = await startServer();
const browser = await launch();
try {
  const ana = await newUser(browser.browser, server.url, DESKTOP);
  await ana.page.goto("/");
  await joinAsGuest(ana.page, "Ana Lima");
  const urls: Record<string, string> = {};
  for (const name of ["Weekend hike", "Book club", "Rust learners"]) {
    await ana.page.getByLabel("Room name").fill(name);
    await ana.page.getByRole("button", { name: "Create room" }).click();
    await ana.page.waitForURL(/\/r\//);
    await ana.page.getByTitle("Connected").waitFor(); // joined: the room is on her list now
    urls[name] = ana.page.url();
    await ana.page.goto("/");
  }
  await ana.page.getByLabel("Room name").fill("Design review");
  await ana.page.getByRole("button", { name: "Create room" }).click();
  await ana.page.waitForURL(/\/r\/[A-Za-z0-9_-]+/);
  const roomUrl = ana.page.url();

  const ben = await newUser(browser.browser, server.url, DESKTOP);
  await ben.page.goto(roomUrl);
  await joinAsGuest(ben.page, "Ben Okafor");
  await ben.page.getByRole("heading", { name: "Design review" }).waitFor();

  await say(
    ana.page,
    "Morning! The new lobby mock-ups are up. **Feedback welcome** before Friday.",
  );
  await say(ben.page, "Looks great. One nit: the _empty state_ feels a bit bare.");
  await say(ben.page, "Could we show recent rooms there?");
  await say(ana.page, "Good call @Ben, adding it. The list comes from `GET /api/me/rooms`.");
  await say(ana.page, "Here's the shape:\n```\n{ rooms: [{ room, unread, mentions }] }\n```");
  await say(ben.page, "Perfect. Spec is at https://example.com/spec if anyone needs it.");
  await react(ben.page, "Feedback welcome", "👍");
  await react(ana.page, "Perfect. Spec", "🎉");
  await react(ben.page, "Perfect. Spec", "🎉");
  const first = ben.page.locator(".msg", { hasText: "Feedback welcome" });
  await first.hover();
  await first.getByRole("button", { name: "Reply" }).click();
  await say(ben.page, "Friday works for me too.");
  await ana.page.getByRole("button", { name: "Set a topic" }).click();
  await ana.page.getByLabel("Topic", { exact: true }).fill("Lobby redesign · ship on Friday");
  await ana.page.getByLabel("Topic", { exact: true }).press("Enter");

  // While Ana is in the lobby, Ben writes in another of her rooms: unread posts and a mention.
  await ana.page.goto("/");
  await ben.page.goto(urls["Book club"] ?? "/");
  await say(ben.page, "Finished chapter 3, what a twist.");
  await say(ben.page, "@Ana Lima are we still on for Thursday?");
  await ana.page.reload();
  await ana.page.getByRole("heading", { name: "Start a room" }).waitFor();
  await shoot(ana.page, "lobby-desktop");

  const anaNet = await socketSwitch(ana.page);
  await ana.page.goto(roomUrl);
  await ana.page.locator(".msg").last().waitFor();
  await ana.page.getByLabel("Message", { exact: true }).fill("Shipping it after lunch 🚀");
  await shoot(ana.page, "room-desktop");
  // The connection drops (the room is unreachable for a while): banner, last-known presence.
  await anaNet.cut();
  await ana.page.locator(".conn-banner").waitFor();
  await new Promise((r) => setTimeout(r, 2500)); // a few failed retries: a longer countdown
  await shoot(ana.page, "reconnecting-desktop", { networkIdle: false });

  const phone = await newUser(browser.browser, server.url, PHONE);
  const phoneNet = await socketSwitch(phone.page);
  await phone.page.goto(roomUrl);
  await joinAsGuest(phone.page, "Chen Wei");
  await phone.page.locator(".msg").last().waitFor();
  await shoot(phone.page, "room-phone");
  await phoneNet.cut();
  await phone.page.locator(".conn-banner").waitFor();
  await new Promise((r) => setTimeout(r, 2500)); // a few failed retries: a longer countdown
  await shoot(phone.page, "reconnecting-phone", { networkIdle: false });
  phoneNet.restore();
  await phone.page.getByRole("button", { name: "Retry now" }).click();
  await phone.page.getByTitle("Connected").waitFor();
  await phone.page.goto("/");
  await phone.page.getByRole("heading", { name: "Start a room" }).waitFor();
  await shoot(phone.page, "lobby-phone");
} finally {
  await browser.close();
  await server.stop();
}
