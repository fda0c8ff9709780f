// A deploy that cannot break: bundles the Worker exactly as `npm run deploy` would, without
// uploading (`wrangler deploy --dry-run`), and fails on anything wrangler refuses (a missing
// binding or class, a migration it would reject) or on a bundle over the size budget; and builds
// the Pages variant's Functions.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildTimeDefine } from "./build-time.ts";
import { ROOT, WRANGLER_ENV } from "./local-server.ts";

/** The Worker's gzip size budget; today's bundle is about 44 KiB. */
export const WORKER_GZIP_BUDGET_KIB = 60;

const out = mkdtempSync(join(tmpdir(), "parley-dry-run-"));
const run = spawnSync(
  process.execPath,
  [
    join(ROOT, "node_modules/wrangler/bin/wrangler.js"),
    "deploy",
    "--dry-run",
    "--outdir",
    out,
    ...buildTimeDefine(),
  ],
  { cwd: ROOT, env: { ...process.env, ...WRANGLER_ENV, WRANGLER_LOG: "log" }, encoding: "utf8" },
);
rmSync(out, { recursive: true, force: true });
const log = `${run.stdout}${run.stderr}`;
if (run.status !== 0) {
  console.error(log);
  console.error("✗ wrangler refused the deploy (above)");
  process.exit(1);
}
const size = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(log);
if (!size) {
  console.error(log);
  console.error("✗ could not read the bundle size from wrangler's output");
  process.exit(1);
}
const gzip = Number(size[2]);
console.log(
  `Worker bundle: ${size[1]} KiB, ${gzip} KiB gzip (budget ${WORKER_GZIP_BUDGET_KIB} KiB gzip)`,
);

// The Pages variant: its Function must compile as `wrangler pages deploy` would build it.
const functions = spawnSync(
  process.execPath,
  [
    join(ROOT, "node_modules/wrangler/bin/wrangler.js"),
    "pages",
    "functions",
    "build",
    "--outdir",
    out,
  ],
  { cwd: join(ROOT, "pages"), env: { ...process.env, ...WRANGLER_ENV }, encoding: "utf8" },
);
rmSync(out, { recursive: true, force: true });
if (functions.status !== 0) {
  console.error(`${functions.stdout}${functions.stderr}`);
  console.error("✗ the Pages Functions do not build (above)");
  process.exit(1);
}
console.log("Pages Functions build: ok");
if (gzip > WORKER_GZIP_BUDGET_KIB) {
  console.error(
    `✗ the Worker is over its size budget by ${(gzip - WORKER_GZIP_BUDGET_KIB).toFixed(2)} KiB`,
  );
  process.exit(1);
}
