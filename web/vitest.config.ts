import { defineConfig } from "vitest/config";

// Unit tests of the web client's layers: plain Node, no browser, no server.
export default defineConfig({
  test: {
    root: ".",
    include: ["web/test/**/*.test.ts"],
    environment: "node",
  },
});
