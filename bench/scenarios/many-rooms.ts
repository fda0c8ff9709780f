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
import { never } from "./fan-out.ts";

/** 50 rooms × 4 clients, every client sending 2 msg/s for 15 s (400 msg/s across the server). */
export async function manyRooms(ctx: Context): Promise<ScenarioResult> {
  const rooms = ctx.smoke ? 5 : 50;
  const perRoom = 4;
  const seconds = ctx.smoke ? 1.5 : 15;
  const who = await ctx.pool.take(rooms * perRoom);
  const rec = new Recorder();
  const all = [];
  const roomIds: string[] = [];
  for (let r = 0; r < rooms; r++) {
    const members = who.slice(r * perRoom, (r + 1) * perRoom);
    const roomId = await createRoom(ctx.base, members[0] ?? never(), `Room ${r + 1}`);
    roomIds.push(roomId);
    all.push(...makeClients(ctx, roomId, members, rec));
  }
  const m = new Measure(ctx);
  await connectAll(all);
  ctx.log(`many rooms: ${all.length} joined`);
  await pace(
    all.map((c) => ({ senders: [c], rate: 2 })),
    seconds * 1000,
  );
  m.sendingStopped();
  const complete = await drain(all);
  m.drained();
  for (const c of all) c.settle();
  await closeAll(all);
  return m.finish(
    "many-rooms",
    `${rooms} rooms × ${perRoom} clients, each 2 msg/s, ${seconds} s`,
    all.length,
    rec,
    seconds,
    { drained: complete },
    roomIds,
  );
}
