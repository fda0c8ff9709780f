import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildTimeDefine } from "./build-time.ts";
import { ensureDevVars } from "./dev-vars.ts";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Environment for every wrangler we start: offline, no telemetry, no prompts. */
export const WRANGLER_ENV = {
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_LOG: "warn",
  NO_COLOR: "1",
};

/** Asks the OS for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolvePort(addr.port) : reject()));
    });
  });
}

/** Runs a Node script of a package with this project's Node, in ROOT; exits if it fails. */
export function runOrExit(script: string, args: string[] = []): void {
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules", script), ...args], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Builds the web app into web/dist (`vite build`); exits if it fails. */
export function buildWebApp(): void {
  runOrExit("vite/bin/vite.js", ["build"]);
}

/** Runs wrangler with this project's Node (system Node may be too old for it). */
export function spawnWrangler(
  args: string[],
  opts: { quiet?: boolean; detached?: boolean; root?: string; cwd?: string } = {},
) {
  const root = opts.root ?? ROOT;
  return spawn(process.execPath, [join(root, "node_modules/wrangler/bin/wrangler.js"), ...args], {
    cwd: opts.cwd ?? root,
    env: { ...process.env, ...WRANGLER_ENV },
    stdio: opts.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    detached: opts.detached ?? false,
  });
}

/** `wrangler pages dev` with the Pages project first and the Worker second (run in pages/). */
export const PAGES_DEV = ["pages", "dev", "-c", "wrangler.toml", "-c", "../wrangler.toml"];

export type LocalServer = {
  url: string;
  port: number;
  persistTo: string;
  /** wrangler's DevTools inspector (heap and CPU profiles of the runtime, used by the bench). */
  inspectorPort: number;
  /** Graceful stop: SIGTERM to wrangler, which tears workerd down. */
  stop(): Promise<void>;
  /** Crash: SIGKILL to the whole process group, storage left as it was. */
  kill(): Promise<void>;
  /** The wrangler process; workerd runs in its process group. */
  process: ChildProcess;
  output(): string;
};

/**
 * Starts `wrangler dev` on free loopback ports with its own (or the given) local storage, and
 * resolves once /api/health answers. Used by the e2e tests and the benchmark. With `pages`, the
 * app is served as the Cloudflare Pages project in pages/ instead, with the Worker beside it in
 * the same `wrangler pages dev` (its /api/* Function reaches the Worker by service binding); the
 * Worker then reads its settings from .dev.vars, not `vars`.
 */
export async function startServer(
  opts: {
    persistTo?: string;
    port?: number;
    vars?: Record<string, string>;
    /** Another checkout of the app to serve (an earlier release, for upgrade tests). */
    root?: string;
    /** Another build of the web app to serve instead of web/dist (app update tests). */
    assets?: string;
    pages?: boolean;
  } = {},
): Promise<LocalServer> {
  const port = opts.port ?? (await freePort());
  const inspector = await freePort();
  const ownsStorage = !opts.persistTo;
  const persistTo = opts.persistTo ?? mkdtempSync(join(tmpdir(), "parley-state-"));
  const vars = {
    SESSION_SECRET: "local-test-secret-local-test-secret-0123456789",
    // Every client of a test or benchmark server is this machine: per-address caps would stop
    // it after a few dozen guests. The caps themselves are tested inside workerd.
    AUTH_RATE_LIMITS: "off",
    ...opts.vars,
  };
  const args = [
    ...(opts.pages ? PAGES_DEV : ["dev"]),
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(inspector),
    "--persist-to",
    persistTo,
    "--show-interactive-dev-session=false",
    ...(opts.assets ? ["--assets", opts.assets] : []),
    ...(opts.pages
      ? []
      : [
          ...buildTimeDefine(),
          ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
        ]),
  ];
  if (opts.pages) ensureDevVars(ROOT);
  const child = spawnWrangler(args, {
    quiet: true,
    detached: true,
    root: opts.root ?? ROOT,
    ...(opts.pages ? { cwd: join(ROOT, "pages") } : {}),
  });
  let log = "";
  child.stdout?.on("data", (d) => {
    log += d;
  });
  child.stderr?.on("data", (d) => {
    log += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      killGroup(child);
      throw new Error(`server did not become healthy within 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }

  const cleanup = () => {
    if (ownsStorage) rmSync(persistTo, { recursive: true, force: true });
  };
  return {
    url,
    port,
    persistTo,
    inspectorPort: inspector,
    process: child,
    output: () => log,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => killGroup(child), 10_000);
        await exited;
        clearTimeout(timer);
      }
      killGroup(child); // anything left in the group (workerd) goes too
      cleanup();
    },
    async kill() {
      killGroup(child);
      await exited;
    },
  };
}

function killGroup(child: ChildProcess) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // group already gone
  }
}
