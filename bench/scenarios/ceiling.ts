import type { BenchClient } from "../client.ts";
import { createRoom } from "../http.ts";
import { type Percentiles, percentiles, round } from "../metrics.ts";
import {
  type Context,
  closeAll,
  connectAll,
  drain,
  Measure,
  makeClients,
  pace,
  Recorder,
  type ScenarioResult,
  sleep,
} from "../scenario.ts";
import { never } from "./fan-out.ts";

export type CeilingStep = {
  offered: number;
  acceptedPerSecond: number;
  rejected: number;
  fanout: Percentiles;
  ackP99: number;
  /** p99 of send → the room's stamp: the wait in front of the room. */
  inboundP99: number;
  /** After sending stops: time until every send was answered (ack or error). */
  backlogMs: number;
  /** After sending stops: time until every listener had every accepted message. */
  currentMs: number;
  lost: number;
  duplicated: number;
  ok: boolean;
};

const P99_LIMIT_MS = 100;
const BACKLOG_LIMIT_MS = 250;
/** A step holds when at least this share of what was offered is accepted. */
const ACCEPTED_SHARE = 0.95;
/** The overload step offers at least this much, and twice the last rate that held. */
const OVERLOAD_RATE = 1600;
const OVERLOAD_MS = 10_000;

/** Gives every client a fresh recorder that still knows how far each room has got. */
function nextRecorder(clients: BenchClient[], prev: Recorder): Recorder {
  const rec = new Recorder();
  for (const [room, seq] of prev.roomLastSeq) rec.roomLastSeq.set(room, seq);
  for (const c of clients) c.rec = rec;
  return rec;
}

async function backlog(senders: BenchClient[], limitMs: number): Promise<number> {
  const t0 = performance.now();
  while (senders.some((c) => c.unacked > 0) && performance.now() - t0 < limitMs) await sleep(2);
  return performance.now() - t0;
}

/**
 * One room with 50 listeners and 5 senders; the rate rises step by step until p99 fan-out
 * latency passes 100 ms, acks fall behind, less than 95 % is accepted, or anything is lost. Then
 * one 10-second overload step (twice the last rate, at least 1,600 msg/s) shows what the room
 * does with more than it can take.
 */
export async function ceiling(ctx: Context): Promise<ScenarioResult> {
  const listeners = ctx.smoke ? 10 : 50;
  const senderCount = 5;
  const stepMs = ctx.smoke ? 1000 : 3000;
  const rates = ctx.smoke
    ? [50, 100]
    : [50, 100, 200, 300, 400, 600, 800, 1000, 1200, 1600, 2000, 2400];
  const who = await ctx.pool.take(listeners + senderCount);
  const roomId = await createRoom(ctx.base, who[0] ?? never(), "Ceiling");
  let rec = new Recorder();
  const all = makeClients(ctx, roomId, who, rec);
  const senders = all.slice(listeners);
  const m = new Measure(ctx);
  await connectAll(all);
  const total = new Recorder();
  merge(total, rec);

  const runStep = async (rate: number, ms = stepMs): Promise<CeilingStep> => {
    rec = nextRecorder(all, rec);
    await pace([{ senders, rate }], ms, `r${rate}`);
    const stopped = performance.now();
    const backlogMs = await backlog(senders, 30_000);
    await drain(all, 5000, 60_000);
    const currentMs = performance.now() - stopped;
    for (const c of all) c.settle();
    const fanout = percentiles(rec.fanout);
    const step: CeilingStep = {
      offered: rate,
      acceptedPerSecond: round(rec.accepted / (ms / 1000), 1),
      rejected: rec.rejected,
      fanout,
      ackP99: percentiles(rec.acks).p99,
      inboundP99: percentiles(rec.inbound).p99,
      backlogMs: round(backlogMs),
      currentMs: round(currentMs),
      lost: rec.lost,
      duplicated: rec.duplicated,
      ok: false,
    };
    step.ok =
      fanout.p99 <= P99_LIMIT_MS &&
      backlogMs <= BACKLOG_LIMIT_MS &&
      rec.accepted >= ACCEPTED_SHARE * rec.sent &&
      rec.lost === 0 &&
      rec.duplicated === 0;
    ctx.log(
      `ceiling: offered ${rate}/s accepted ${step.acceptedPerSecond}/s p99 ${fanout.p99} ms backlog ${step.backlogMs} ms current after ${step.currentMs} ms rejected ${rec.rejected}${step.ok ? "" : " ✗"}`,
    );
    merge(total, rec);
    return step;
  };

  const steps: CeilingStep[] = [];
  let best: CeilingStep | null = null;
  for (const rate of rates) {
    const step = await runStep(rate);
    steps.push(step);
    if (!step.ok) break;
    if (!best || step.acceptedPerSecond > best.acceptedPerSecond) best = step;
    await sleep(300);
  }
  // Overload: well past the target whatever the steps reached, to see the room shed load.
  const held = best?.offered ?? steps[0]?.offered ?? 100;
  const overload = await runStep(
    Math.max(held * 2, OVERLOAD_RATE),
    ctx.smoke ? stepMs : OVERLOAD_MS,
  );
  await closeAll(all);

  // The scenario's own numbers are those of the best sustained step (or the first, when none
  // held), not the overload step's.
  const result = await m.finish(
    "ceiling",
    `1 room × ${listeners} listeners + ${senderCount} senders, rate stepped up`,
    listeners + senderCount,
    total,
    (steps.length * stepMs + (ctx.smoke ? stepMs : OVERLOAD_MS)) / 1000,
    {
      sustainedAcceptedPerSecond: best?.acceptedPerSecond ?? 0,
      steps,
      overload,
    },
    [roomId],
  );
  const shown = best ?? steps[0];
  if (shown) {
    result.fanout = shown.fanout;
    result.acceptedPerSecond = shown.acceptedPerSecond;
    result.deliveredPerSecond = round(shown.acceptedPerSecond * (listeners + senderCount - 1), 1);
  }
  return result;
}

function merge(into: Recorder, from: Recorder) {
  // Loops, not push(...spread): a step can hold more samples than the call stack takes.
  for (const x of from.fanout) into.fanout.push(x);
  for (const x of from.acks) into.acks.push(x);
  for (const x of from.joins) into.joins.push(x);
  into.sent += from.sent;
  into.accepted += from.accepted;
  into.delivered += from.delivered;
  into.lost += from.lost;
  into.duplicated += from.duplicated;
  into.rejected += from.rejected;
  for (const [k, v] of from.errors) into.errors.set(k, (into.errors.get(k) ?? 0) + v);
}
