import { createRoom } from "../http.ts";
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

/**
 * One room, 200 clients, 2 senders at 10 msg/s each for 15 s. A user may send 8 msg/s (and a
 * connection 5), so each logical sender is three identities taking turns: the room sees the same
 * 20 msg/s from six connections that a real client could each legally send.
 */
export async function fanOut(ctx: Context): Promise<ScenarioResult> {
  const clients = ctx.smoke ? 30 : 200;
  const seconds = ctx.smoke ? 2 : 15;
  const who = await ctx.pool.take(clients);
  const roomId = await createRoom(ctx.base, who[0] ?? never(), "Fan-out");
  const rec = new Recorder();
  const all = makeClients(ctx, roomId, who, rec);
  const m = new Measure(ctx);
  await connectAll(all);
  ctx.log(`fan-out: ${all.length} joined`);
  await pace(
    [
      { senders: all.slice(0, 3), rate: 10 },
      { senders: all.slice(3, 6), rate: 10 },
    ],
    seconds * 1000,
  );
  m.sendingStopped();
  const complete = await drain(all);
  m.drained();
  for (const c of all) c.settle();
  await closeAll(all);
  return m.finish(
    "fan-out",
    `1 room × ${clients} clients, 2 senders × 10 msg/s, ${seconds} s`,
    clients,
    rec,
    seconds,
    { drained: complete },
    [roomId],
  );
}

export function never(): never {
  throw new Error("no identity");
}
