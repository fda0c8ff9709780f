import type { BenchClient } from "../client.ts";
import { createRoom } from "../http.ts";
import type { Inspector } from "../inspector.ts";
import { round } from "../metrics.ts";
import { type Context, closeAll, connectAll, makeClients, Recorder, sleep } from "../scenario.ts";
import { never } from "./fan-out.ts";

export type SocketMemory = {
  idleRssMb: number;
  sockets: number;
  /** Runtime RSS with the sockets open, first time (the allocator grows) and again after a close. */
  loadedRssMb: number;
  perSocketKb: number;
  warmPerSocketKb: number;
  /** The isolate's JS heap growth per socket (includes not-yet-collected garbage: an upper bound). */
  heapPerSocketKb: number | null;
  /** The local-development proxy's RSS growth per socket (not part of a deployment). */
  proxyPerSocketKb: number;
};

/**
 * Resident memory of the runtime idle, then with N idle sockets open in 4 rooms; then all close
 * and the same N open again, which shows what a socket costs once the allocator has grown.
 */
export async function socketMemory(
  ctx: Context,
  inspector: Inspector | null,
): Promise<SocketMemory> {
  const perRoom = ctx.smoke ? 10 : 100;
  const rooms = 4;
  const who = await ctx.pool.take(perRoom * rooms);
  const rec = new Recorder();
  const roomIds: string[] = [];
  for (let r = 0; r < rooms; r++)
    roomIds.push(await createRoom(ctx.base, who[0] ?? never(), `Idle ${r + 1}`));
  const clients = () =>
    roomIds.flatMap((id, r) =>
      makeClients(ctx, id, who.slice(r * perRoom, (r + 1) * perRoom), rec),
    );
  const heap = async () =>
    inspector
      ? ((await inspector.call<{ usedSize: number }>("Runtime.getHeapUsage"))?.usedSize ?? null)
      : null;

  // Wake the rooms with one socket each and let them go, so the baseline includes four live
  // room objects and only the sockets differ.
  const wake: BenchClient[] = clients().filter((_, i) => i % perRoom === 0);
  await connectAll(wake);
  await closeAll(wake);
  await sleep(1000);
  const idle = ctx.sampler.now();
  const idleHeap = await heap();

  let all = clients();
  await connectAll(all);
  await sleep(1500);
  const loaded = ctx.sampler.now();
  const loadedHeap = await heap();
  await closeAll(all);
  await sleep(1000);
  const reopenBase = ctx.sampler.now();
  all = clients();
  await connectAll(all);
  await sleep(1500);
  const reloaded = ctx.sampler.now();
  await closeAll(all);

  const n = all.length;
  ctx.log(`socket memory: ${n} sockets, +${Math.round((loaded.rssKb - idle.rssKb) / 1024)} MB`);
  return {
    idleRssMb: round(idle.rssKb / 1024, 1),
    sockets: n,
    loadedRssMb: round(loaded.rssKb / 1024, 1),
    perSocketKb: round((loaded.rssKb - idle.rssKb) / n, 1),
    warmPerSocketKb: round((reloaded.rssKb - reopenBase.rssKb) / n, 1),
    heapPerSocketKb:
      idleHeap !== null && loadedHeap !== null
        ? round((loadedHeap - idleHeap) / 1024 / n, 1)
        : null,
    proxyPerSocketKb: round((loaded.proxyRssKb - idle.proxyRssKb) / n, 1),
  };
}
