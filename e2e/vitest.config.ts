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
  },
});
