// The local server is bundled like a deploy: /api/health names the build time.
import { expect, inject, it } from "vitest";
import type { HealthBody } from "../protocol/index.ts";

it("reports version, protocol and when the running Worker was built", async () => {
  const health = (await (await fetch(`${inject("baseURL")}/api/health`)).json()) as HealthBody;
  expect(health.ok).toBe(true);
  const built = Date.parse(health.builtAt ?? "");
  expect(Date.now() - built).toBeGreaterThanOrEqual(0);
  expect(Date.now() - built).toBeLessThan(60 * 60 * 1000);
});
