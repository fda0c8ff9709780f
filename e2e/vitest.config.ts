import { defineConfig } from "vitest/config";

// Browser flows: real headless Chromium against the real local server (wrangler dev + workerd).
export default defineConfig({
  test: {
    root: ".",
    include: ["e2e/**/*.spec.ts"],
    environment: "node",
    globalSetup: ["e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // One shared server and one Chromium per file; files run one after another on 2 cores.
    fileParallelism: false,
    // Real browsers against a real server on 2 shared cores: one retry absorbs a rare timing
    // miss; a test that fails twice fails the run (and every retry is printed in the log).
    retry: 1,
  },
});
