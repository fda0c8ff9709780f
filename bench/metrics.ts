/** Latency and counter bookkeeping for one scenario. Times are milliseconds (performance.now()). */

export type Percentiles = { n: number; p50: number; p95: number; p99: number; max: number };

export function percentiles(samples: number[]): Percentiles {
  if (samples.length === 0) return { n: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return {
    n: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1] ?? 0),
  };
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Everything the clients of one scenario observe, shared by all of them. */
export class Recorder {
  /** Send time of every message still expected, by clientId. */
  readonly sentAt = new Map<string, { at: number; by: number }>();
  readonly fanout: number[] = [];
  readonly acks: number[] = [];
  /** Send → the room's stamp on the message (`createdAt`): the way in, before the room's work. */
  readonly inbound: number[] = [];
  readonly joins: number[] = [];
  sent = 0;
  accepted = 0;
  delivered = 0;
  lost = 0;
  duplicated = 0;
  rejected = 0;
  /** Highest acknowledged seq per room: every member must have received up to it. */
  readonly roomLastSeq = new Map<string, number>();
  /** Error frames by code, for the report. */
  readonly errors = new Map<string, number>();

  error(code: string) {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
    if (code === "rate_limited") this.rejected += 1;
  }

  acked(roomId: string, seq: number) {
    if (seq > (this.roomLastSeq.get(roomId) ?? 0)) this.roomLastSeq.set(roomId, seq);
  }
}
