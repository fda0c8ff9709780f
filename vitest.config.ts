import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const SESSION_SECRET = "test-secret-test-secret-test-secret-0123456789";

/**
 * Files that run with tuned room settings (see "Server settings" in docs/PROTOCOL.md): the stress
 * test needs rate limits out of its way, the retention test a tiny cap. Every other file runs with
 * the defaults.
 */
const TUNED = ["worker/test/room-stress.test.ts", "worker/test/room-retention.test.ts"];

// Worker and Durable Object tests, run inside workerd with the bindings from wrangler.toml.
export default defineConfig({
  test: {
    testTimeout: 20_000,
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: { bindings: { SESSION_SECRET } },
          }),
        ],
        test: { name: "worker", include: ["worker/test/**/*.test.ts"], exclude: TUNED },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                SESSION_SECRET,
                ROOM_RATE_LIMIT_SCALE: "1000",
                ROOM_RETENTION_MESSAGES: "20",
              },
            },
          }),
        ],
        test: { name: "room-tuned", include: TUNED },
      },
    ],
  },
});
