/** One kind of work's record: how often it ran, its total and its longest single run. */
export type BlockStat = { count: number; totalMs: number; maxMs: number };

/**
 * How long the room's pieces of synchronous work take, by kind ("send", "flush", "alarm:index",
 * "join"…). While a piece runs, nothing else in the room (and, locally, in the whole runtime)
 * runs, so the longest piece is the stall every socket feels. Two clock reads and a map update
 * per piece; read by the benchmark through a debug-only route (routes/debug.ts).
 *
 * Locally `Date.now()` advances while code runs; on Cloudflare it only moves between I/O, so
 * there these numbers read zero and the stats are only meaningful under `wrangler dev`.
 */
export class BlockTimer {
  private readonly byKind = new Map<string, BlockStat>();

  /** Off (ROOM_DEBUG_STATS not "on"), it only runs the work: nothing is added to the hot path. */
  constructor(private readonly enabled: boolean) {}

  /** Runs `fn`, recording its synchronous part; a returned promise is not waited for. */
  time<T>(kind: string, fn: () => T): T {
    if (!this.enabled) return fn();
    const t0 = Date.now();
    try {
      return fn();
    } finally {
      this.record(kind, Date.now() - t0);
    }
  }

  record(kind: string, ms: number): void {
    if (!this.enabled) return;
    const s = this.byKind.get(kind);
    if (!s) this.byKind.set(kind, { count: 1, totalMs: ms, maxMs: ms });
    else {
      s.count += 1;
      s.totalMs += ms;
      if (ms > s.maxMs) s.maxMs = ms;
    }
  }

  snapshot(): Record<string, BlockStat> {
    return Object.fromEntries(this.byKind);
  }
}
