import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Inspector } from "./inspector.ts";

type ProfileNode = {
  id: number;
  hitCount?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
};
type Profile = { nodes: ProfileNode[]; startTime: number; endTime: number };

/**
 * Runs `body` under the runtime's CPU profiler (the isolate that hosts the Worker and the rooms),
 * writes the .cpuprofile for DevTools and prints where the time went, by function (self time).
 */
export async function profiled<T>(inspector: Inspector, name: string, body: () => Promise<T>) {
  await inspector.call("Profiler.enable");
  await inspector.call("Profiler.setSamplingInterval", { interval: 200 });
  await inspector.call("Profiler.start");
  const result = await body();
  const stopped = await inspector.call<{ profile: Profile }>("Profiler.stop", {}, 30_000);
  if (stopped) {
    const file = join(tmpdir(), `parley-${name}-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(stopped.profile));
    console.log(`  profile: ${file}\n${summarize(stopped.profile)}`);
  }
  return result;
}

export function summarize(profile: Profile, top = 20): string {
  const totalHits = profile.nodes.reduce((n, x) => n + (x.hitCount ?? 0), 0) || 1;
  const ms = (profile.endTime - profile.startTime) / 1000;
  const byFn = new Map<string, number>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const file = f.url.split("/").pop() ?? "";
    const key = `${f.functionName || "(anonymous)"} ${file}${file ? `:${f.lineNumber + 1}` : ""}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (node.hitCount ?? 0));
  }
  return [...byFn.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([k, hits]) =>
        `    ${((hits / totalHits) * 100).toFixed(1).padStart(5)}%  ${((hits / totalHits) * ms).toFixed(0).padStart(6)} ms  ${k}`,
    )
    .join("\n");
}
