import type { ScenarioResult } from "../scenario.ts";

type Group = { label: string; sub: string; values: [string, number][]; target?: number };

const COLORS = ["#4c78a8", "#72b7b2", "#f58518", "#e45756"];
const W = 760;
const H = 340;
const PAD = { left: 56, right: 16, top: 36, bottom: 64 };

function groups(results: ScenarioResult[]): Group[] {
  const targets: Record<string, number> = {
    "fan-out": 40,
    "many-rooms": 30,
    ceiling: 100,
    "join-1k": 15,
  };
  return results.map((r) => {
    const join = r.name.startsWith("join");
    const p = join ? r.join : r.fanout;
    const g: Group = {
      label: r.name,
      sub: join ? "join (open → first page)" : "fan-out (send → receipt)",
      values: [
        ["p50", p.p50],
        ["p95", p.p95],
        ["p99", p.p99],
        ["max", p.max],
      ],
    };
    const target = targets[r.name];
    if (target !== undefined) g.target = target;
    return g;
  });
}

/** Latency percentiles per scenario as grouped bars on a log scale (1 ms … 10 s), with targets. */
export function latencyChart(results: ScenarioResult[]): string {
  const gs = groups(results);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const lo = 0;
  const hi = 4; // log10(ms): 1 ms … 10 s
  const y = (v: number) =>
    PAD.top + plotH - ((Math.log10(Math.max(1, v)) - lo) / (hi - lo)) * plotH;
  const groupW = plotW / Math.max(1, gs.length);
  const barW = Math.min(18, (groupW - 16) / 4);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${PAD.left}" y="18" font-size="13" font-weight="600">Latency percentiles per scenario (ms, log scale); dashed lines are targets</text>`,
  ];
  for (const tick of [1, 10, 100, 1000, 10000]) {
    out.push(
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/>`,
      `<text x="${PAD.left - 6}" y="${y(tick) + 4}" text-anchor="end" fill="#555">${tick}</text>`,
    );
  }
  gs.forEach((g, gi) => {
    const x0 = PAD.left + gi * groupW + (groupW - barW * 4) / 2;
    g.values.forEach(([name, v], i) => {
      const top = y(v);
      out.push(
        `<rect x="${x0 + i * barW}" y="${top}" width="${barW - 2}" height="${PAD.top + plotH - top}" fill="${COLORS[i]}"><title>${g.label} ${name}: ${v} ms</title></rect>`,
      );
    });
    if (g.target !== undefined) {
      out.push(
        `<line x1="${x0 - 4}" x2="${x0 + barW * 4 + 2}" y1="${y(g.target)}" y2="${y(g.target)}" stroke="#111" stroke-width="2" stroke-dasharray="4 3"/>`,
      );
    }
    const cx = PAD.left + gi * groupW + groupW / 2;
    out.push(
      `<text x="${cx}" y="${H - PAD.bottom + 16}" text-anchor="middle" font-weight="600">${g.label}</text>`,
      `<text x="${cx}" y="${H - PAD.bottom + 30}" text-anchor="middle" fill="#555" font-size="9">${g.sub}</text>`,
    );
  });
  COLORS.forEach((c, i) => {
    const x = PAD.left + i * 70;
    out.push(
      `<rect x="${x}" y="${H - 18}" width="10" height="10" fill="${c}"/>`,
      `<text x="${x + 14}" y="${H - 9}">${["p50", "p95", "p99", "max"][i]}</text>`,
    );
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
