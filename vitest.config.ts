import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Worker and Durable Object tests, run inside workerd with the bindings from wrangler.toml.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: { SESSION_SECRET: "test-secret-test-secret-test-secret-0123456789" },
      },
    }),
  ],
  test: {
    include: ["worker/test/**/*.test.ts"],
    testTimeout: 20_000,
  },
});
