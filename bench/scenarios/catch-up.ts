import { createRoom } from "../http.ts";
import { percentiles, round } from "../metrics.ts";
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
} from "../scenario.ts";
import { never } from "./fan-out.ts";

/**
 * 200 clients drop, 500 messages are sent while they are away, then all reconnect at once with
 * `?since=<lastSeq>`: time until the last one is current, with zero gaps and duplicates.
 * The 500 messages come from 25 other identities at 4 msg/s each (100 msg/s, within the limits).
 */
export async function catchUp(ctx: Context): Promise<ScenarioResult> {
  const count = ctx.smoke ? 20 : 200;
  const messages = ctx.smoke ? 30 : 500;
  const senderCount = ctx.smoke ? 5 : 25;
  const who = await ctx.pool.take(count + senderCount);
  const roomId = await createRoom(ctx.base, who[0] ?? never(), "Catch-up");
  const rec = new Recorder();
  const readers = makeClients(ctx, roomId, who.slice(0, count), rec);
  const senders = makeClients(ctx, roomId, who.slice(count), rec);
  const m = new Measure(ctx);
  await connectAll([...readers, ...senders]);
  // A little traffic first, so every reader has a lastSeq > 0 to resume from.
  await pace([{ senders, rate: 20 }], 500, "before");
  await drain([...readers, ...senders]);
  await closeAll(readers);
  ctx.log(`catch-up: ${count} dropped`);

  const rate = senderCount * 4;
  const sendStart = performance.now();
  const target = rec.sent + messages;
  await pace([{ senders, rate }], Math.ceil((messages / rate) * 1000) + 50, "away");
  // pace() is time-bounded; top up the last few so exactly `messages` were sent while away.
  while (rec.sent < target) senders[rec.sent % senders.length]?.send("away bench message");
  await drain(senders);
  const sendSeconds = (performance.now() - sendStart) / 1000;
  const roomLast = rec.roomLastSeq.get(roomId) ?? 0;

  rec.joins.length = 0;
  const t0 = performance.now();
  const currentAt: number[] = [];
  const ok = await Promise.all(
    readers.map(async (c) => {
      await c.connect(c.lastSeq);
      const current = await c.currentBy(roomLast, 15_000);
      currentAt.push(performance.now() - t0);
      return current;
    }),
  );
  const allCurrentMs = Math.max(...currentAt);
  for (const c of [...readers, ...senders]) c.settle();
  await closeAll([...readers, ...senders]);
  return m.finish(
    "catch-up",
    `${count} clients drop, ${messages} messages, all reconnect at once`,
    count + senderCount,
    rec,
    sendSeconds,
    {
      readers: count,
      missed: messages,
      allCurrentMs: round(allCurrentMs),
      current: percentiles(currentAt),
      everyoneCurrent: ok.every(Boolean),
    },
    [roomId],
  );
}
