// `npm run bench`: starts the local server itself, runs every scenario against it over loopback,
// and writes the terminal table, bench/results/latest.json and docs/PERFORMANCE.md (+ chart).
// `npm run bench -- --smoke` is the 10-second form `npm test` runs: it asserts lost = dup = 0.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type LocalServer, ROOT, startServer } from "../scripts/local-server.ts";
import { IdentityPool } from "./http.ts";
import { Inspector } from "./inspector.ts";
import { describeMachine, loadNow } from "./machine.ts";
import { round } from "./metrics.ts";
import { ProcessSampler } from "./proc.ts";
import { profiled } from "./profile.ts";
import { latencyChart } from "./report/chart.ts";
import { type Run, resultsMarkdown, writePerformanceDoc } from "./report/markdown.ts";
import { table } from "./report/table.ts";
import { checkTargets } from "./report/targets.ts";
import type { Context, ScenarioResult } from "./scenario.ts";
import { catchUp } from "./scenarios/catch-up.ts";
import { ceiling } from "./scenarios/ceiling.ts";
import { fanOut } from "./scenarios/fan-out.ts";
import { joinHistory } from "./scenarios/join-history.ts";
import { manyRooms } from "./scenarios/many-rooms.ts";
import { type SocketMemory, socketMemory } from "./scenarios/socket-memory.ts";
import { type WebResult, web } from "./scenarios/web.ts";

const { values: args } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    only: { type: "string" },
    /** Profile the runtime's CPU during the named scenario (fan-out, many-rooms, ceiling…). */
    profile: { type: "string" },
    /** Extra server settings, e.g. `--var ROOM_SEND_BUDGET=800` (repeatable). */
    var: { type: "string", multiple: true },
    /** Where the smoke form writes {passed, failed} for `npm test`. */
    report: { type: "string" },
  },
});
const smoke = args.smoke ?? false;
const only = args.only?.split(",");
const want = (name: string) => !only || only.some((o) => name.startsWith(o));

/** Runs a scenario, under the CPU profiler when `--profile` names it. */
async function scenario<T>(ctx: Context, name: string, body: () => Promise<T>): Promise<T> {
  if (args.profile !== name) return body();
  const inspector = await Inspector.connect(ctx.inspectorPort);
  try {
    return await profiled(inspector, name, body);
  } finally {
    inspector.close();
  }
}

/** The whole run is bounded: a hung scenario must not hang `npm test` or CI. */
const RUN_LIMIT_MS = smoke ? 60_000 : 15 * 60_000;
const watchdog = setTimeout(() => {
  console.error(`bench: gave up after ${RUN_LIMIT_MS / 1000} s`);
  process.exit(2);
}, RUN_LIMIT_MS);

/**
 * Guest creation is rate limited for real clients; load tests switch that off explicitly. The
 * rooms' work timers are served to the bench (worker/routes/debug.ts).
 */
const AUTH_OFF = { AUTH_RATE_LIMITS: "off", ROOM_DEBUG_STATS: "on" };
/**
 * Bench-only: the room's documented load-test setting multiplies every per-connection and
 * per-user send budget, for the ceiling and for seeding history (docs/PROTOCOL.md, settings).
 */
const SEND_LIMITS_OFF = {
  ...AUTH_OFF,
  ROOM_RATE_LIMIT_SCALE: "1000",
  // The scale would lift the room-wide budget's ceiling to 2 million msg/s; the ceiling and the
  // overload step must meet a real one (the adaptive budget below it is the room's own).
  ROOM_SEND_BUDGET: "5000",
};

const t0 = performance.now();

/** The server of the moment, so that an interrupted run still stops what it started. */
let running: LocalServer | null = null;
function stopRunning() {
  const pid = running?.process.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL"); // wrangler runs detached: its group is wrangler + workerd
  } catch {
    // already gone
  }
}
process.on("exit", stopRunning);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    stopRunning();
    process.exit(130);
  });

const extraVars = Object.fromEntries(
  (args.var ?? []).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
);

async function withServer<T>(vars: Record<string, string>, body: (ctx: Context) => Promise<T>) {
  const server = await startServer({ vars: { ...vars, ...extraVars } });
  running = server;
  console.log(`  ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s  server up`);
  try {
    const ctx: Context = {
      base: server.url,
      inspectorPort: server.inspectorPort,
      pool: new IdentityPool(server.url),
      sampler: new ProcessSampler(server.process.pid ?? 0),
      smoke,
      section: (name, body) => scenario(ctx, name, body),
      log: (line) =>
        console.log(`  ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s  ${line}`),
    };
    return await body(ctx);
  } finally {
    await server.stop();
    running = null;
  }
}

// wrangler refuses to start without the app's static assets: build them once if missing.
if (!existsSync(join(ROOT, "web/dist/index.html"))) {
  const build = spawnSync(
    process.execPath,
    [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"],
    {
      cwd: ROOT,
      stdio: "inherit",
    },
  );
  if (build.status !== 0) throw new Error("vite build failed");
}

const machine = describeMachine();
const startedAt = new Date().toISOString();
const results: ScenarioResult[] = [];
let memory = null as SocketMemory | null;
let webResult = null as WebResult | null;

console.log(
  `bench${smoke ? " (smoke)" : ""}: ${machine.cpu}, ${machine.cores} cores, load ${machine.loadBefore.join(" ")}`,
);
// Real limits: every client paces itself within them, with as many identities as needed.
await withServer(AUTH_OFF, async (ctx) => {
  if (want("memory") && !smoke) {
    const inspector = await Inspector.connect(ctx.inspectorPort).catch(() => null);
    memory = await socketMemory(ctx, inspector);
    inspector?.close();
  }
  if (want("fan-out")) results.push(await scenario(ctx, "fan-out", () => fanOut(ctx)));
  if (want("many-rooms")) results.push(await scenario(ctx, "many-rooms", () => manyRooms(ctx)));
  if (want("catch-up")) results.push(await scenario(ctx, "catch-up", () => catchUp(ctx)));
  if (want("web") && !smoke) {
    webResult = await web(ctx).catch((err) => {
      console.error(`web: ${err}`);
      return null;
    });
    if (webResult)
      ctx.log(
        `web: lobby JS ${webResult.lobbyJsGzipKb} KB gzip, room latest message: first visit ${webResult.firstVisit.medianMs} ms, revisit ${webResult.revisit.medianMs} ms, cold ${webResult.cold.medianMs} ms`,
      );
  }
});
// History is seeded faster than a person may type, and the ceiling has to go past the
// per-connection limit to find the room's own: both run with the bench-only send limits off.
// The smoke form leaves them out: it is about correctness, and those two are about speed.
if (!smoke && (want("join") || want("ceiling")))
  await withServer(SEND_LIMITS_OFF, async (ctx) => {
    if (want("join")) {
      results.push(await joinHistory(ctx, 1000, 0));
      results.push(await joinHistory(ctx, 10_000, 200));
    }
    if (want("ceiling")) results.push(await scenario(ctx, "ceiling", () => ceiling(ctx)));
  });
clearTimeout(watchdog);

checkTargets(results, memory);
console.log(`\n${table(results, memory)}`);
if (webResult) {
  const w = webResult;
  const line = (ok: boolean, text: string) => console.log(`${ok ? "✓" : "✗"} web: ${text}`);
  line(w.lobbyJsGzipKb <= 120, `lobby initial JS ${w.lobbyJsGzipKb} KB gzip (target ≤ 120 KB)`);
  line(
    w.firstVisit.medianMs <= 250,
    `room page, first visit: latest message after ${w.firstVisit.medianMs} ms, median of ${w.firstVisit.ms.length} (target ≤ 250 ms)`,
  );
  line(
    w.revisit.medianMs <= 100,
    `room page, revisit: latest message after ${w.revisit.medianMs} ms, median of ${w.revisit.ms.length} (target ≤ 100 ms)`,
  );
  console.log(`  web: nothing cached (cold browser): ${w.cold.medianMs} ms median`);
}
const totalSeconds = round((performance.now() - t0) / 1000, 1);
console.log(`\nbench: ${totalSeconds} s`);

if (smoke) {
  // npm test asserts correctness only; timing targets belong to the full run on a quiet machine.
  // Each scenario is one test: it must have delivered something, and nothing lost or doubled.
  const failures = results.flatMap((r) => {
    const problems = [];
    if (r.delivered === 0) problems.push("nothing delivered");
    if (r.lost !== 0) problems.push(`${r.lost} lost`);
    if (r.duplicated !== 0) problems.push(`${r.duplicated} duplicated`);
    if (r.extra.drained === false || r.extra.everyoneCurrent === false)
      problems.push("not everyone became current");
    return problems.length ? [`${r.name}: ${problems.join(", ")}`] : [];
  });
  const report = { passed: results.length - failures.length, failed: failures.length };
  if (args.report) writeFileSync(args.report, JSON.stringify(report));
  for (const f of failures) console.error(`✗ ${f}`);
  console.log(`smoke: ${report.passed} passed, ${report.failed} failed`);
  process.exit(failures.length ? 1 : 0);
}

const run: Run = {
  startedAt,
  totalSeconds,
  machine,
  loadAfter: loadNow(),
  memory,
  web: webResult,
  results,
};
if (!only) {
  mkdirSync(join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(join(ROOT, "bench/results/latest.json"), `${JSON.stringify(run, null, 2)}\n`);
  mkdirSync(join(ROOT, "docs"), { recursive: true });
  writeFileSync(join(ROOT, "docs/performance-latency.svg"), latencyChart(results));
  writePerformanceDoc(
    join(ROOT, "docs/PERFORMANCE.md"),
    resultsMarkdown(run, "performance-latency.svg"),
  );
  // The repo's formatter owns markdown layout (table padding): keep `npm test -- lint` green.
  spawnSync(
    process.execPath,
    [
      join(ROOT, "node_modules/@biomejs/biome/bin/biome"),
      "format",
      "--write",
      "docs/PERFORMANCE.md",
    ],
    { cwd: ROOT, stdio: "ignore" },
  );
  console.log("wrote bench/results/latest.json, docs/PERFORMANCE.md, docs/performance-latency.svg");
} else {
  const file = join(ROOT, "bench/results/partial.json.tmp");
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  console.log("partial run (--only): results in bench/results/partial.json.tmp, docs untouched");
}
