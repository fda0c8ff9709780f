// `npm test`: every check in one gate, ending in one summary line.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, WRANGLER_ENV } from "./local-server.ts";

type Step = { name: string; passed: number; failed: number; seconds: number };
const steps: Step[] = [];
const work = mkdtempSync(join(tmpdir(), "parley-test-"));
const env = { ...process.env, ...WRANGLER_ENV, CI: "true" };
const bin = (pkg: string) => join(ROOT, "node_modules", pkg);

/** A step that passes or fails as a whole (lint, types, build). */
function check(name: string, cmd: string[]) {
  const start = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(process.execPath, cmd, { cwd: ROOT, stdio: "inherit", env });
  const ok = r.status === 0;
  steps.push({
    name,
    passed: ok ? 1 : 0,
    failed: ok ? 0 : 1,
    seconds: (Date.now() - start) / 1000,
  });
  return ok;
}

/** A vitest run, counted test by test from its JSON report. */
function vitest(name: string, config: string) {
  const start = Date.now();
  const report = join(work, `${name.replace(/\W+/g, "-")}.json`);
  console.log(`\n▶ ${name}`);
  const r = spawnSync(
    process.execPath,
    [
      bin("vitest/vitest.mjs"),
      "run",
      "--config",
      config,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
    ],
    { cwd: ROOT, stdio: "inherit", env },
  );
  let passed = 0;
  let failed = 0;
  try {
    const json = JSON.parse(readFileSync(report, "utf8")) as {
      numPassedTests: number;
      numFailedTests: number;
      numTotalTests: number;
    };
    passed = json.numPassedTests;
    failed = json.numFailedTests;
    if (json.numTotalTests === 0) failed += 1; // a suite that ran nothing is a failure
  } catch {
    failed = 1;
  }
  if (r.status !== 0 && failed === 0) failed = 1; // crashed outside any test
  steps.push({ name, passed, failed, seconds: (Date.now() - start) / 1000 });
}

/** The benchmark's 10-second smoke form: one test per scenario (nothing lost or duplicated). */
function benchSmoke() {
  const start = Date.now();
  const report = join(work, "bench-smoke.json");
  console.log("\n▶ bench smoke");
  const r = spawnSync(
    process.execPath,
    [join(ROOT, "bench/run.ts"), "--smoke", "--report", report],
    {
      cwd: ROOT,
      stdio: "inherit",
      env,
    },
  );
  let passed = 0;
  let failed = 0;
  try {
    ({ passed, failed } = JSON.parse(readFileSync(report, "utf8")) as {
      passed: number;
      failed: number;
    });
    if (passed + failed === 0) failed = 1;
  } catch {
    failed = 1;
  }
  if (r.status !== 0 && failed === 0) failed = 1;
  steps.push({ name: "bench smoke", passed, failed, seconds: (Date.now() - start) / 1000 });
}

const only = process.argv[2]; // e.g. `npm test -- e2e` runs just that part
const want = (key: string) => !only || only === key;

if (want("lint")) {
  check("biome", [bin("@biomejs/biome/bin/biome"), "check", "."]);
  // The GitHub Actions workflow cannot run here; its schema check can (offline, WebAssembly).
  check("action-validator", [bin("@action-validator/cli/cli.mjs"), ".github/workflows/ci.yml"]);
}
if (want("types")) {
  // wrangler skips regeneration when its config hash matches, even if the code changed.
  rmSync(join(ROOT, "worker/worker-configuration.d.ts"), { force: true });
  check("wrangler types", [
    bin("wrangler/bin/wrangler.js"),
    "types",
    "worker/worker-configuration.d.ts",
    "--strict-vars=false",
    "--env-file",
    ".dev.vars.example",
  ]);
  for (const project of ["protocol", "worker", "web", "e2e"]) {
    check(`tsc ${project}`, [bin("typescript/bin/tsc"), "-p", project]);
  }
}
if (want("web")) vitest("web client tests (node)", "web/vitest.config.ts");
if (want("worker")) vitest("worker tests (workerd)", "vitest.config.ts");
if (want("e2e")) {
  if (check("vite build", [bin("vite/bin/vite.js"), "build", "--logLevel", "warn"])) {
    vitest("browser tests (chromium)", "e2e/vitest.config.ts");
  }
}
if (want("deploy")) check("deploy dry run", [join(ROOT, "scripts/deploy-check.ts")]);
if (want("bench")) benchSmoke();
rmSync(work, { recursive: true, force: true });

console.log("\n── summary ──");
for (const s of steps) {
  const mark = s.failed ? "✗" : "✓";
  console.log(
    `${mark} ${s.name.padEnd(28)} ${String(s.passed).padStart(4)} passed ${String(s.failed).padStart(3)} failed  ${s.seconds.toFixed(1)} s`,
  );
}
const passed = steps.reduce((n, s) => n + s.passed, 0);
const failed = steps.reduce((n, s) => n + s.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
