import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const SESSION_SECRET = "test-secret-test-secret-test-secret-0123456789";

/** A workerd test project over `files`, with extra environment bindings. */
function workerProject(name: string, files: string[], vars: Record<string, string> = {}) {
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: { bindings: { SESSION_SECRET, ...vars } },
      }),
    ],
    test: { name, include: files, exclude: name === "worker" ? TUNED : [] },
  };
}

// Files that need room settings other than the defaults ("Server settings" in docs/PROTOCOL.md).
const LOAD = "worker/test/room-load.test.ts";
const RETENTION = "worker/test/room-retention.test.ts";
const LOBBY_LOAD = "worker/test/lobby-room.test.ts";
const TUNED = [LOAD, RETENTION, LOBBY_LOAD];

// Worker and Durable Object tests, run inside workerd with the bindings from wrangler.toml.
export default defineConfig({
  test: {
    testTimeout: 20_000,
    projects: [
      workerProject("worker", ["worker/test/**/*.test.ts"]),
      // 500 pipelined messages would trip the default send limits, which room-limits.test.ts proves.
      // They pipeline without handling "the room is busy", so the room-wide budget is off too.
      workerProject("room-load", [LOAD], {
        ROOM_RATE_LIMIT_SCALE: "1000",
        ROOM_SEND_BUDGET: "off",
      }),
      workerProject("room-retention", [RETENTION], { ROOM_RETENTION_MESSAGES: "20" }),
      // 1,000 messages in a few seconds, to count the lobby writes they cause.
      workerProject("lobby-load", [LOBBY_LOAD], {
        ROOM_RATE_LIMIT_SCALE: "1000",
        ROOM_SEND_BUDGET: "off",
      }),
    ],
  },
});
