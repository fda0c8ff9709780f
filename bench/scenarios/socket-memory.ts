import { createRoom } from "../http.ts";
import { round } from "../metrics.ts";
import { type Context, closeAll, connectAll, makeClients, Recorder, sleep } from "../scenario.ts";
import { never } from "./fan-out.ts";

export type SocketMemory = {
  idleRssMb: number;
  sockets: number;
  loadedRssMb: number;
  perSocketKb: number;
};

/** Resident memory of the runtime idle, then with N idle sockets open (4 rooms). */
export async function socketMemory(ctx: Context): Promise<SocketMemory> {
  const perRoom = ctx.smoke ? 10 : 100;
  const rooms = 4;
  const who = await ctx.pool.take(perRoom * rooms);
  const rec = new Recorder();
  const all = [];
  for (let r = 0; r < rooms; r++) {
    const roomId = await createRoom(ctx.base, who[0] ?? never(), `Idle ${r + 1}`);
    all.push(...makeClients(ctx, roomId, who.slice(r * perRoom, (r + 1) * perRoom), rec));
  }
  // Wake the rooms with one socket each and let them go, so the baseline includes four live
  // room objects and only the sockets differ.
  await connectAll(all.filter((_, i) => i % perRoom === 0));
  await closeAll(all.filter((_, i) => i % perRoom === 0));
  await sleep(1000);
  const idleKb = ctx.sampler.now().rssKb;
  await connectAll(all);
  await sleep(1500);
  const loadedKb = ctx.sampler.now().rssKb;
  await closeAll(all);
  ctx.log(`socket memory: ${all.length} sockets, +${Math.round((loadedKb - idleKb) / 1024)} MB`);
  return {
    idleRssMb: round(idleKb / 1024, 1),
    sockets: all.length,
    loadedRssMb: round(loadedKb / 1024, 1),
    perSocketKb: round((loadedKb - idleKb) / all.length, 1),
  };
}
