import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second for /proc/<pid>/stat times; 100 on every Linux we run on. */
const CLK_TCK = 100;

type Stat = { pid: number; ppid: number; comm: string; cpuTicks: number; rssKb: number };

function stat(pid: number): Stat | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm is in parentheses and may contain spaces; fields resume after the last ')'.
    const close = raw.lastIndexOf(")");
    const comm = raw.slice(raw.indexOf("(") + 1, close);
    const f = raw.slice(close + 2).split(" ");
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rss = /VmRSS:\s+(\d+)/.exec(status);
    return {
      pid,
      ppid: Number(f[1]),
      comm,
      cpuTicks: Number(f[11]) + Number(f[12]),
      rssKb: rss ? Number(rss[1]) : 0,
    };
  } catch {
    return null; // exited between listing and reading
  }
}

/** Every live descendant of `root` (not `root` itself). */
function descendants(root: number): Stat[] {
  const all: Stat[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (s) all.push(s);
  }
  const out: Stat[] = [];
  const frontier = [root];
  while (frontier.length) {
    const parent = frontier.pop();
    for (const s of all) {
      if (s.ppid === parent) {
        out.push(s);
        frontier.push(s.pid);
      }
    }
  }
  return out;
}

export type Usage = { rssMb: number; cpuSeconds: number };

/**
 * Samples the runtime (the workerd processes under wrangler) every `everyMs`: peak resident
 * memory and CPU time. wrangler's own Node process is the dev tooling, not the server, so it is
 * reported apart.
 */
export class ProcessSampler {
  private runtime: number[] = [];
  private timer: NodeJS.Timeout | null = null;
  private peakKb = 0;
  private startTicks = 0;
  private startToolTicks = 0;

  private readonly wranglerPid: number;

  constructor(wranglerPid: number) {
    this.wranglerPid = wranglerPid;
    this.rescan();
  }

  rescan() {
    this.runtime = descendants(this.wranglerPid)
      .filter((s) => s.comm.includes("workerd"))
      .map((s) => s.pid);
    if (this.runtime.length === 0) throw new Error("no workerd process under wrangler");
  }

  /** Current resident memory and CPU seconds of the runtime. */
  now(): { rssKb: number; cpuTicks: number; toolTicks: number } {
    let rssKb = 0;
    let cpuTicks = 0;
    for (const pid of this.runtime) {
      const s = stat(pid);
      if (!s) continue;
      rssKb += s.rssKb;
      cpuTicks += s.cpuTicks;
    }
    return { rssKb, cpuTicks, toolTicks: stat(this.wranglerPid)?.cpuTicks ?? 0 };
  }

  start(everyMs = 100) {
    const first = this.now();
    this.peakKb = first.rssKb;
    this.startTicks = first.cpuTicks;
    this.startToolTicks = first.toolTicks;
    this.timer = setInterval(() => {
      const s = this.now();
      if (s.rssKb > this.peakKb) this.peakKb = s.rssKb;
    }, everyMs);
  }

  stop(): { peakRssMb: number; cpuSeconds: number; wranglerCpuSeconds: number } {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const end = this.now();
    if (end.rssKb > this.peakKb) this.peakKb = end.rssKb;
    return {
      peakRssMb: Math.round(this.peakKb / 102.4) / 10,
      cpuSeconds: (end.cpuTicks - this.startTicks) / CLK_TCK,
      wranglerCpuSeconds: (end.toolTicks - this.startToolTicks) / CLK_TCK,
    };
  }
}
