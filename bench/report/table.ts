import type { ScenarioResult } from "../scenario.ts";
import type { SocketMemory } from "../scenarios/socket-memory.ts";

const COLUMNS: [string, (r: ScenarioResult) => string | number][] = [
  ["scenario", (r) => r.name],
  ["clients", (r) => r.clients],
  ["join p50", (r) => r.join.p50],
  ["join p99", (r) => r.join.p99],
  ["fan p50", (r) => r.fanout.p50],
  ["fan p95", (r) => r.fanout.p95],
  ["fan p99", (r) => r.fanout.p99],
  ["fan max", (r) => r.fanout.max],
  ["acc/s", (r) => r.acceptedPerSecond],
  ["dlv/s", (r) => r.deliveredPerSecond],
  ["lost", (r) => r.lost],
  ["dup", (r) => r.duplicated],
  ["rej", (r) => r.rejected],
  ["backlog", (r) => r.backlogMs],
  ["block ms", (r) => `${r.blocks.longestMs} ${r.blocks.longestKind}`],
  ["RSS MB", (r) => r.peakRssMb],
  ["CPU s", (r) => r.cpuSeconds],
  ["µs/frame", (r) => r.cpuMicrosPerFrame],
  ["others CPU s", (r) => `${r.otherCpuSeconds}/${r.seconds}`],
];

/** The terminal table: one row per scenario, latencies in ms, then every target. */
export function table(results: ScenarioResult[], memory: SocketMemory | null): string {
  const rows = [
    COLUMNS.map(([h]) => h),
    ...results.map((r) => COLUMNS.map(([, f]) => String(f(r)))),
  ];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ");
  const out = [
    line(rows[0] ?? []),
    widths.map((w) => "─".repeat(w)).join("  "),
    ...rows.slice(1).map(line),
  ];
  if (memory)
    out.push(
      "",
      `memory: idle ${memory.idleRssMb} MB, ${memory.sockets} idle sockets ${memory.loadedRssMb} MB → ${memory.perSocketKb} KB per socket (${memory.warmPerSocketKb} KB when reopened; JS heap ${memory.heapPerSocketKb} KB; dev proxy ${memory.proxyPerSocketKb} KB)`,
    );
  out.push("");
  for (const r of results)
    for (const t of r.targets)
      out.push(`${t.ok ? "✓" : "✗"} ${r.name}: ${t.what}: ${t.actual} (target ${t.target})`);
  return out.join("\n");
}
