import { monitorEventLoopDelay } from "node:perf_hooks";
import { BenchClient } from "./client.ts";
import { type Blocks, type Identity, type IdentityPool, roomBlocks } from "./http.ts";
import { type Percentiles, percentiles, Recorder, round } from "./metrics.ts";
import { machineBusySeconds, type ProcessSampler } from "./proc.ts";

export type Context = {
  base: string;
  inspectorPort: number;
  pool: IdentityPool;
  sampler: ProcessSampler;
  /** The 10-second form run by `npm test`: same code, smaller numbers. */
  smoke: boolean;
  log: (line: string) => void;
  /** Runs a part of a scenario under the CPU profiler when `--profile` names it. */
  section: <T>(name: string, body: () => Promise<T>) => Promise<T>;
};

export type Target = { what: string; target: string; actual: string; ok: boolean };

export type ScenarioResult = {
  name: string;
  title: string;
  clients: number;
  seconds: number;
  join: Percentiles;
  fanout: Percentiles;
  ack: Percentiles;
  /** Send → the room stamps the message: the part of the ack spent before the room's own work. */
  inbound: Percentiles;
  sent: number;
  accepted: number;
  delivered: number;
  acceptedPerSecond: number;
  deliveredPerSecond: number;
  lost: number;
  duplicated: number;
  rejected: number;
  errors: Record<string, number>;
  peakRssMb: number;
  cpuSeconds: number;
  /** The local-development proxy workerd in front of the runtime (not part of a deployment). */
  proxyPeakRssMb: number;
  proxyCpuSeconds: number;
  /** Runtime CPU per frame it delivered (broadcasts, acks, welcomes): steadier than latency. */
  cpuMicrosPerFrame: number;
  /**
   * CPU seconds the machine spent on everything else meanwhile (other processes): the noise.
   * With 2 cores, more than a few seconds per 10 s of scenario means the numbers are upper bounds.
   */
  otherCpuSeconds: number;
  benchCpuSeconds: number;
  benchLoopDelayP99Ms: number;
  /** The longest single piece of room work (worker/room/blocks.ts) and what it was. */
  blocks: Blocks;
  /** After sending stopped: until every client had every acknowledged event. */
  backlogMs: number;
  extra: Record<string, number | string | boolean | object>;
  targets: Target[];
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Connects clients a few at a time (a page of joins, not one thundering herd unless asked). */
export async function connectAll(clients: BenchClient[], concurrency = 20): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < clients.length) {
      const c = clients[next++];
      if (c) await c.connect();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, clients.length) }, worker));
}

export type Stream = { senders: BenchClient[]; rate: number };

/**
 * Sends each stream's `rate` messages per second for `ms`, round-robin over its senders, on one
 * 5 ms tick for all streams. Streams start at spread-out phases so that equal rates do not all
 * fire in the same tick. Bounded by time; returns how many were sent.
 */
export async function pace(streams: Stream[], ms: number, label = "m"): Promise<number> {
  const state = streams.map((s, i) => ({ ...s, sent: 0, turn: 0, phase: i / streams.length }));
  const start = performance.now();
  let total = 0;
  const text = `${label} bench message with a few words in it, like a real one`;
  while (performance.now() - start < ms) {
    const elapsed = (performance.now() - start) / 1000;
    for (const s of state) {
      const due = Math.floor(elapsed * s.rate + s.phase);
      while (s.sent < due && s.senders.length) {
        s.senders[s.turn++ % s.senders.length]?.send(`${text} #${s.sent}`);
        s.sent += 1;
        total += 1;
      }
    }
    await sleep(5);
  }
  return total;
}

/**
 * Waits until every client has every event its room acknowledged. Bounded: it gives up when
 * nothing has arrived for `quietMs` (late is not lost, but stuck is), or after `limitMs`.
 */
export async function drain(
  clients: BenchClient[],
  quietMs = 5000,
  limitMs = 60_000,
): Promise<boolean> {
  const start = performance.now();
  const progress = () => clients.reduce((n, c) => n + c.lastSeq - c.unacked, 0);
  let last = progress();
  let lastChange = performance.now();
  const done = () =>
    clients.every((c) => c.unacked <= 0 && c.lastSeq >= (c.rec.roomLastSeq.get(c.roomId) ?? 0));
  while (!done()) {
    const now = performance.now();
    if (now - start > limitMs) return false;
    const p = progress();
    if (p !== last) {
      last = p;
      lastChange = now;
    } else if (now - lastChange > quietMs) return false;
    await sleep(10);
  }
  return true;
}

export async function closeAll(clients: BenchClient[]) {
  await Promise.all(clients.map((c) => c.close()));
}

export function makeClients(ctx: Context, roomId: string, who: Identity[], rec: Recorder) {
  return who.map((w) => new BenchClient(ctx.base, roomId, w, rec));
}

/** Measures one scenario: server process usage, bench process CPU and event-loop delay. */
export class Measure {
  private readonly t0 = performance.now();
  private readonly cpu0 = process.cpuUsage();
  private readonly loop = monitorEventLoopDelay({ resolution: 5 });
  private readonly busy0 = machineBusySeconds();

  private readonly ctx: Context;

  constructor(ctx: Context) {
    this.ctx = ctx;
    ctx.sampler.start();
    this.loop.enable();
  }

  /** When sending stopped; `drained()` measures the backlog from here. */
  private stoppedAt: number | null = null;
  private drainedAt: number | null = null;

  sendingStopped(): void {
    this.stoppedAt = performance.now();
  }

  drained(): void {
    this.drainedAt = performance.now();
  }

  async finish(
    name: string,
    title: string,
    clients: number,
    rec: Recorder,
    activeSeconds: number,
    extra: ScenarioResult["extra"] = {},
    roomIds: string[] = [],
  ): Promise<ScenarioResult> {
    const usage = this.ctx.sampler.stop();
    const blocks = await roomBlocks(this.ctx.base, roomIds);
    this.loop.disable();
    const cpu = process.cpuUsage(this.cpu0);
    const benchCpu = (cpu.user + cpu.system) / 1e6;
    const others =
      machineBusySeconds() - this.busy0 - usage.cpuSeconds - usage.proxyCpuSeconds - benchCpu;
    return {
      name,
      title,
      clients,
      seconds: round((performance.now() - this.t0) / 1000, 1),
      join: percentiles(rec.joins),
      fanout: percentiles(rec.fanout),
      ack: percentiles(rec.acks),
      inbound: percentiles(rec.inbound),
      sent: rec.sent,
      accepted: rec.accepted,
      delivered: rec.delivered,
      acceptedPerSecond: round(rec.accepted / activeSeconds, 1),
      deliveredPerSecond: round(rec.delivered / activeSeconds, 1),
      lost: rec.lost,
      duplicated: rec.duplicated,
      rejected: rec.rejected,
      errors: Object.fromEntries(rec.errors),
      peakRssMb: usage.peakRssMb,
      cpuSeconds: usage.cpuSeconds,
      proxyPeakRssMb: usage.proxyPeakRssMb,
      proxyCpuSeconds: usage.proxyCpuSeconds,
      cpuMicrosPerFrame: round(
        (usage.cpuSeconds * 1e6) / Math.max(1, rec.delivered + rec.accepted + rec.joins.length),
        1,
      ),
      benchCpuSeconds: round(benchCpu),
      otherCpuSeconds: round(Math.max(0, others), 1),
      benchLoopDelayP99Ms: round(this.loop.percentile(99) / 1e6),
      blocks,
      backlogMs:
        this.stoppedAt !== null && this.drainedAt !== null
          ? round(this.drainedAt - this.stoppedAt)
          : 0,
      extra,
      targets: [],
    };
  }
}

export { Recorder };
