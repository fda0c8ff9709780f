import { BenchClient } from "../client.ts";
import { createRoom, type Identity } from "../http.ts";
import { percentiles, round } from "../metrics.ts";
import {
  type Context,
  closeAll,
  Measure,
  makeClients,
  Recorder,
  type ScenarioResult,
  sleep,
} from "../scenario.ts";
import { never } from "./fan-out.ts";

/**
 * Fills a room with `count` messages through the protocol, keeping up to 64 sends in flight.
 * Run with the bench-only send limit setting off (see docs/PERFORMANCE.md); bounded in time.
 */
async function seed(ctx: Context, roomId: string, who: Identity, count: number) {
  const rec = new Recorder();
  const c = new BenchClient(ctx.base, roomId, who, rec);
  await c.connect();
  const deadline = performance.now() + 60_000;
  while (rec.accepted < count && performance.now() < deadline) {
    while (c.unacked < 64 && rec.sent - rec.rejected < count) c.send(`history message ${rec.sent}`);
    await sleep(1);
  }
  await c.close();
  if (rec.accepted < count) throw new Error(`seeded only ${rec.accepted}/${count} messages`);
}

/**
 * A room holding `history` messages: 20 joins one after another, then 100 at once. Join time is
 * from opening the socket to the welcome that carries the first page of history; bytes are
 * everything received up to and including it.
 */
export async function joinHistory(
  ctx: Context,
  history: number,
  offset: number,
): Promise<ScenarioResult> {
  const sequential = ctx.smoke ? 5 : 20;
  const concurrent = ctx.smoke ? 20 : 100;
  const who = await ctx.pool.slice(offset, 1 + sequential + concurrent);
  const owner = who[0] ?? never();
  const roomId = await createRoom(ctx.base, owner, `History ${history}`);
  const seedStart = performance.now();
  await seed(ctx, roomId, owner, history);
  const seedSeconds = round((performance.now() - seedStart) / 1000, 1);
  ctx.log(`join ${history}: seeded in ${seedSeconds} s`);

  const rec = new Recorder();
  const m = new Measure(ctx);
  const seqClients = makeClients(ctx, roomId, who.slice(1, 1 + sequential), rec);
  const bytes: number[] = [];
  for (const c of seqClients) {
    await c.connect();
    bytes.push(c.bytesBeforeReady);
    await c.close();
  }
  const seqJoins = [...rec.joins];

  const crowd = makeClients(ctx, roomId, who.slice(1 + sequential), rec);
  rec.joins.length = 0;
  const t0 = performance.now();
  // `--profile=join-1k-crowd` profiles just these joins.
  const name = `join-${history >= 1000 ? `${history / 1000}k` : history}`;
  await ctx.section(`${name}-crowd`, () => Promise.all(crowd.map((c) => c.connect())));
  const allReadyMs = performance.now() - t0;
  const crowdBytes = crowd.map((c) => c.bytesBeforeReady);
  const crowdJoins = [...rec.joins];
  await closeAll(crowd);
  rec.joins.length = 0;
  rec.joins.push(...seqJoins);
  const result = await m.finish(
    name,
    `join a room holding ${history.toLocaleString("en")} messages: ${sequential} one by one, ${concurrent} at once`,
    sequential + concurrent,
    rec,
    1,
    {
      seedSeconds,
      sequentialBytes: percentiles(bytes),
      concurrent: percentiles(crowdJoins),
      concurrentBytes: percentiles(crowdBytes),
      concurrentAllReadyMs: round(allReadyMs),
    },
    [roomId],
  );
  result.acceptedPerSecond = 0;
  result.deliveredPerSecond = 0;
  return result;
}
