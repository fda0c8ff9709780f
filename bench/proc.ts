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

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

export type Sample = { rssKb: number; cpuTicks: number; proxyRssKb: number; proxyTicks: number };

/**
 * Samples the server's processes from /proc every `everyMs`. `wrangler dev` runs two workerd
 * processes: the runtime that hosts the Worker and its Durable Objects (started with an
 * inspector), and a proxy in front of it that only exists in local development. The runtime is
 * what the targets are about; the dev proxy is reported apart, and wrangler's own Node process
 * is not counted at all.
 */
export class ProcessSampler {
  private runtime: number[] = [];
  private proxy: number[] = [];
  private timer: NodeJS.Timeout | null = null;
  private peakKb = 0;
  private peakProxyKb = 0;
  private first: Sample = { rssKb: 0, cpuTicks: 0, proxyRssKb: 0, proxyTicks: 0 };

  private readonly wranglerPid: number;

  constructor(wranglerPid: number) {
    this.wranglerPid = wranglerPid;
    this.rescan();
  }

  rescan() {
    const workerd = descendants(this.wranglerPid).filter((s) => s.comm.includes("workerd"));
    const isRuntime = (pid: number) => cmdline(pid).includes("--inspector-addr");
    this.runtime = workerd.filter((s) => isRuntime(s.pid)).map((s) => s.pid);
    this.proxy = workerd.filter((s) => !isRuntime(s.pid)).map((s) => s.pid);
    if (this.runtime.length === 0) throw new Error("no workerd runtime process under wrangler");
  }

  now(): Sample {
    const sum = (pids: number[]) => {
      let rssKb = 0;
      let cpuTicks = 0;
      for (const pid of pids) {
        const s = stat(pid);
        rssKb += s?.rssKb ?? 0;
        cpuTicks += s?.cpuTicks ?? 0;
      }
      return { rssKb, cpuTicks };
    };
    const r = sum(this.runtime);
    const p = sum(this.proxy);
    return { rssKb: r.rssKb, cpuTicks: r.cpuTicks, proxyRssKb: p.rssKb, proxyTicks: p.cpuTicks };
  }

  start(everyMs = 100) {
    this.first = this.now();
    this.peakKb = this.first.rssKb;
    this.peakProxyKb = this.first.proxyRssKb;
    this.timer = setInterval(() => this.peak(this.now()), everyMs);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const end = this.now();
    this.peak(end);
    return {
      peakRssMb: Math.round(this.peakKb / 102.4) / 10,
      cpuSeconds: (end.cpuTicks - this.first.cpuTicks) / CLK_TCK,
      proxyPeakRssMb: Math.round(this.peakProxyKb / 102.4) / 10,
      proxyCpuSeconds: (end.proxyTicks - this.first.proxyTicks) / CLK_TCK,
    };
  }

  private peak(s: Sample) {
    if (s.rssKb > this.peakKb) this.peakKb = s.rssKb;
    if (s.proxyRssKb > this.peakProxyKb) this.peakProxyKb = s.proxyRssKb;
  }
}

/** CPU seconds the whole machine spent busy (all cores), from /proc/stat. */
export function machineBusySeconds(): number {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    // cpu user nice system idle iowait irq softirq steal …: busy is all but idle and iowait.
    const [user, nice, system, , , irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (
      ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) /
      CLK_TCK
    );
  } catch {
    return 0;
  }
}
