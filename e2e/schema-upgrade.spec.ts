// Every earlier release's storage (e2e/fixtures/upgrade-*.tar.gz, made by
// scripts/upgrade-fixture.ts) opens with the current code and keeps its data.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, startServer } from "../scripts/local-server.ts";
import { checkLists, checkRelease, type ReleaseData, signInAll } from "./upgrade-data.ts";

const fixtures = join(ROOT, "e2e/fixtures");
const releases = readdirSync(fixtures).filter((f) => /^upgrade-.+\.tar\.gz$/.test(f));

describe("storage written by earlier releases", () => {
  it("has at least one release to check", () => {
    expect(releases.length).toBeGreaterThan(0);
  });

  for (const file of releases) {
    it(`opens ${file} and finds every account, room, message, list and marker`, async () => {
      const state = mkdtempSync(join(tmpdir(), "parley-upgrade-"));
      execFileSync("tar", ["-xzf", join(fixtures, file), "-C", state]);
      const data = JSON.parse(readFileSync(join(state, "release.json"), "utf8")) as ReleaseData;
      let server = await startServer({ persistTo: state });
      try {
        await checkRelease(server.url, data);
        // What moved on first use (room lists) stays moved: the same after a restart.
        await server.stop();
        server = await startServer({ persistTo: state });
        const [alice = "", bob = ""] = await signInAll(server.url, data);
        await checkLists(server.url, data, alice, bob);
      } finally {
        await server.stop();
        rmSync(state, { recursive: true, force: true });
      }
    });
  }
});
