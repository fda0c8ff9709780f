import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page, Response } from "playwright-core";
import { build } from "vite";
import { describe, expect, inject, it } from "vitest";
import { ROOT, startServer } from "../scripts/local-server.ts";
import {
  browserPerFile,
  createRoomInUI,
  joinAsGuest,
  launchProfile,
  newUser,
  send,
} from "./browser.ts";

const baseURL = inject("baseURL");
const browser = browserPerFile();

type Icon = { src: string; sizes: string; type: string; purpose?: string };

/** Width and height from a PNG's header (the IHDR chunk right after the signature). */
function pngSize(buf: Buffer): string {
  expect(buf.subarray(1, 4).toString("latin1")).toBe("PNG");
  return `${buf.readUInt32BE(16)}x${buf.readUInt32BE(20)}`;
}

const controlled = (page: Page) =>
  page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
    timeout: 30_000,
  });

/** Every URL in the page's caches, as paths. */
const cachedPaths = (page: Page) =>
  page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys())
        paths.push(new URL(req.url).pathname);
    }
    return paths;
  });

/**
 * Builds the app into `dir` with one line that differs per `build` (a stand-in for any code
 * change), readable on the page as `globalThis.__parleyBuild`.
 */
async function buildApp(dir: string, n: number) {
  // A production build, as `npm run build` makes it (the test runner sets NODE_ENV=test).
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  await build({
    configFile: join(ROOT, "vite.config.ts"),
    logLevel: "error",
    build: { outDir: dir, sourcemap: false },
    plugins: [
      {
        name: "one-line-change",
        enforce: "post",
        transform: (code, id) =>
          id.endsWith("/src/main.tsx") ? `${code}\nglobalThis.__parleyBuild = ${n};` : null,
      },
    ],
  }).finally(() => {
    process.env.NODE_ENV = env;
  });
}

describe("the installable app", () => {
  it("Chromium finds it installable: manifest, icons, a service worker in control, start_url in scope", async () => {
    const { context, close } = await launchProfile(baseURL);
    try {
      const page = await context.newPage();
      await page.goto("/");
      await controlled(page);
      // Chromium's own verdict, the one its install button goes by.
      const cdp = await context.newCDPSession(page);
      const verdict = (await cdp.send("Page.getInstallabilityErrors")) as {
        installabilityErrors: { errorId: string }[];
      };
      expect(verdict.installabilityErrors).toEqual([]);
      const parsed = (await cdp.send("Page.getAppManifest")) as { errors: unknown[] };
      expect(parsed.errors).toEqual([]);

      // The same rules spelled out, so a failure names the one that broke.
      const href = await page.locator('link[rel="manifest"]').getAttribute("href");
      const res = await context.request.get(href ?? "missing");
      expect(res.headers()["content-type"]).toContain("application/manifest+json");
      const manifest = (await res.json()) as Record<string, unknown> & { icons: Icon[] };
      expect(manifest).toMatchObject({
        name: "Parley",
        short_name: "Parley",
        display: "standalone",
        start_url: "/",
        scope: "/",
      });
      const start = new URL(String(manifest.start_url), baseURL).href;
      expect(start.startsWith(new URL(String(manifest.scope), baseURL).href)).toBe(true);
      const swScope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      expect(start.startsWith(swScope)).toBe(true);
      for (const purpose of ["any", "maskable"]) {
        for (const size of ["192x192", "512x512"]) {
          const icon = manifest.icons.find((i) => i.purpose === purpose && i.sizes === size);
          expect(icon?.type, `${purpose} icon ${size}`).toBe("image/png");
        }
      }
      for (const icon of manifest.icons) {
        const got = await context.request.get(icon.src);
        expect(got.status(), icon.src).toBe(200);
        expect(got.headers()["content-type"]).toContain(icon.type);
        if (icon.type === "image/png") expect(pngSize(await got.body()), icon.src).toBe(icon.sizes);
      }
      // Light and dark browser chrome, and the icons iOS and old browsers look for.
      expect(await page.locator('meta[name="theme-color"]').count()).toBe(2);
      for (const sel of [
        'link[rel="apple-touch-icon"]',
        'link[rel="icon"][type="image/svg+xml"]',
      ]) {
        const src = await page.locator(sel).getAttribute("href");
        expect((await context.request.get(src ?? "missing")).status(), sel).toBe(200);
      }
      // The start page works with the network gone: the worker serves it.
      await context.setOffline(true);
      const offline = await page.goto("/");
      expect(offline?.fromServiceWorker()).toBe(true);
      await page.getByRole("link", { name: "Parley" }).waitFor();
      await context.setOffline(false);
    } finally {
      await close();
    }
  });

  it("keeps every /api/* answer out of every cache: the API always comes from the network", async () => {
    const { page, context } = await newUser(browser.browser, baseURL);
    const api: Response[] = [];
    page.on("response", (r) => {
      if (new URL(r.url()).pathname.startsWith("/api/")) api.push(r);
    });
    await page.goto("/");
    await joinAsGuest(page, "Ana");
    await createRoomInUI(page, "Cache rules");
    await send(page, "hello");
    await page.locator('.msg[data-status="sent"]').waitFor();
    await controlled(page);
    await page.goto("/");
    await page.getByRole("heading", { name: "Your rooms" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Your rooms" }).waitFor();

    const answers = api.filter((r) => r.status() !== 101);
    expect(answers.length).toBeGreaterThan(5);
    for (const r of answers) {
      const path = new URL(r.url()).pathname;
      expect(r.fromServiceWorker(), path).toBe(false);
      expect(r.headers()["cache-control"], path).toBe("no-store");
    }
    const cached = await cachedPaths(page);
    expect(cached).toContain("/");
    expect(cached.some((p) => /^\/assets\/index-[\w-]+\.js$/.test(p))).toBe(true);
    expect(cached.filter((p) => p.startsWith("/api/"))).toEqual([]);
    await context.close();
  });

  // Two production builds and a server of its own: longer than one browser flow.
  it("offers a new build after a rebuild, and switches to it only when asked", {
    timeout: 150_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "parley-build-"));
    const state = mkdtempSync(join(tmpdir(), "parley-state-"));
    await buildApp(dir, 1);
    let server = await startServer({ assets: dir, persistTo: state });
    try {
      const { page, context, errors } = await newUser(browser.browser, server.url);
      await page.goto("/");
      await joinAsGuest(page, "Ana");
      await page.getByRole("heading", { name: "Start a room" }).waitFor();
      await controlled(page);
      const prompt = page
        .getByRole("status")
        .filter({ hasText: "A new version of Parley is ready" });
      expect(await prompt.count()).toBe(0);
      const firstCaches = await page.evaluate(() => caches.keys());

      // A deploy: the new build, served by a restarted server (same address, same storage).
      await buildApp(dir, 2);
      await server.stop();
      server = await startServer({ assets: dir, persistTo: state, port: server.port });
      await page.reload();
      await prompt.waitFor({ timeout: 30_000 });
      // Until the user says so, the page keeps running the build it started with.
      expect(
        await page.evaluate(() => (globalThis as { __parleyBuild?: number }).__parleyBuild),
      ).toBe(1);

      await Promise.all([
        page.waitForEvent("load"),
        page.getByRole("button", { name: /Reload/ }).click(),
      ]);
      await expect
        .poll(() => page.evaluate(() => (globalThis as { __parleyBuild?: number }).__parleyBuild))
        .toBe(2);
      await page.getByRole("heading", { name: "Start a room" }).waitFor();
      expect(await prompt.count()).toBe(0);
      const nowCaches = await page.evaluate(() => caches.keys());
      expect(nowCaches).toHaveLength(1);
      expect(nowCaches).not.toEqual(firstCaches);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
      rmSync(state, { recursive: true, force: true });
    }
  });
});
