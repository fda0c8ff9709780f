import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

type AxeResult = {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
};

/** Serious and critical axe-core findings on the page as it is now. */
export async function axe(page: Page): Promise<string[]> {
  // Evaluated through the devtools protocol: the app's CSP (rightly) refuses injected script tags.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run: () => Promise<AxeResult> } }).axe.run(),
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
