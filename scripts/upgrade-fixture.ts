// `node scripts/upgrade-fixture.ts <git ref> <release name>`: runs an earlier release (a git ref
// of this repo, checked out beside it), fills its local storage through its own API
// (e2e/upgrade-data.ts) and packs that storage with what to check into
// e2e/fixtures/upgrade-<release>.tar.gz. e2e/schema-upgrade.spec.ts opens every fixture there
// with the current code. Make one for each release whose storage schema changed.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedRelease } from "../e2e/upgrade-data.ts";
import { ROOT, startServer } from "./local-server.ts";

const [ref, release] = process.argv.slice(2);
if (!ref || !release || !/^[\w.-]+$/.test(release)) {
  console.error("usage: node scripts/upgrade-fixture.ts <git ref> <release name>");
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), "parley-upgrade-"));
const checkout = join(work, "app");
const state = join(work, "state");
execFileSync("git", ["worktree", "add", "--detach", checkout, ref], {
  cwd: ROOT,
  stdio: "inherit",
});
try {
  // The earlier release runs on this checkout's packages; only its Worker code matters here.
  symlinkSync(join(ROOT, "node_modules"), join(checkout, "node_modules"));
  mkdirSync(join(checkout, "web/dist"), { recursive: true });
  writeFileSync(join(checkout, "web/dist/index.html"), "<!doctype html><title>Parley</title>");
  const server = await startServer({ root: checkout, persistTo: state });
  try {
    const data = await seedRelease(server.url, release);
    writeFileSync(join(state, "release.json"), `${JSON.stringify(data, null, 2)}\n`);
  } finally {
    await server.stop();
  }
  const out = join(ROOT, "e2e/fixtures", `upgrade-${release}.tar.gz`);
  mkdirSync(join(ROOT, "e2e/fixtures"), { recursive: true });
  // Durable Object storage only: the rest is the local runtime's own bookkeeping.
  execFileSync("tar", ["-czf", out, "-C", state, "release.json", "v3/do"]);
  console.log(`wrote ${out}`);
} finally {
  execFileSync("git", ["worktree", "remove", "--force", checkout], { cwd: ROOT });
  rmSync(work, { recursive: true, force: true });
}
