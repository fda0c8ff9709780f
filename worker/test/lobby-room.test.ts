import { nanoid } from "nanoid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DirectoryBody, DirectoryRoom } from "../../protocol";
import { LOBBY_REPORT_INTERVAL_MS } from "../room/lobby-report";
import { counts, installMeter, reset, uninstallMeter } from "./cost-meter";
import { api, connect, createRoom, guest, json, type TestSocket } from "./helpers";

beforeAll(installMeter);
afterAll(uninstallMeter);

/** Reports the Lobby received since the last reset() (one write each). */
const reports = () => counts().calls.report ?? 0;

// Runs with ROOM_RATE_LIMIT_SCALE=1000 (vitest.config.ts): this is about reports, not limits.

/** The room as the public directory lists it (found by its unique name), or undefined. */
async function listed(name: string): Promise<DirectoryRoom | undefined> {
  const res = await api(`/api/rooms?q=${encodeURIComponent(name)}`);
  return ((await res.json()) as DirectoryBody).rooms[0];
}

/** Polls the directory until `pred` holds for the room; reports arrive through room alarms. */
async function until(name: string, pred: (r: DirectoryRoom | undefined) => boolean) {
  const deadline = Date.now() + 4 * LOBBY_REPORT_INTERVAL_MS;
  for (;;) {
    const room = await listed(name);
    if (pred(room)) return room;
    if (Date.now() > deadline)
      throw new Error(`directory never showed it: ${JSON.stringify(room)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function closed(socket: TestSocket) {
  socket.ws.close(1000, "bye");
}

describe("rooms report to the directory", () => {
  it("lists a new public room and follows its online count, messages and topic", async () => {
    const name = `Live ${nanoid(8)}`;
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie, name);
    expect(await listed(name)).toMatchObject({ id: roomId, online: 0, messageCount: 0 });

    const a = await connect(roomId, ana.cookie);
    await until(name, (r) => r?.online === 1);
    const b1 = await connect(roomId, ben.cookie);
    const b2 = await connect(roomId, ben.cookie); // a second tab counts once
    await until(name, (r) => r?.online === 2);

    a.send({ type: "send", clientId: "live-msg-1", text: "hello" });
    const ack = await a.next("ack");
    const afterMessage = await until(name, (r) => r?.messageCount === 1);
    expect(afterMessage?.lastActivity).toBe(ack.createdAt);
    a.send({ type: "topic", topic: "Now with a topic" });
    await until(name, (r) => r?.topic === "Now with a topic");

    closed(b1);
    closed(b2);
    await until(name, (r) => r?.online === 1);
    closed(a);
    await until(name, (r) => r?.online === 0);
  }, 40_000);

  it("never lists a private room, even once people are in it", async () => {
    const name = `Secret ${nanoid(8)}`;
    const ana = await guest("Ana");
    reset();
    const res = await api("/api/rooms", json({ name, visibility: "private" }, ana.cookie));
    const roomId = ((await res.json()) as { room: { id: string } }).room.id;
    const a = await connect(roomId, ana.cookie);
    a.send({ type: "send", clientId: "secret-msg", text: "psst" });
    await a.next("ack");
    // Give the room time for the report it would send if it were public.
    await new Promise((r) => setTimeout(r, LOBBY_REPORT_INTERVAL_MS + 500));
    expect(await listed(name)).toBeUndefined();
    expect(reports()).toBe(0);
  });

  it("turns 1,000 messages into a bounded number of lobby writes", async () => {
    const name = `Busy ${nanoid(8)}`;
    const owner = await guest("Owner");
    const roomId = await createRoom(owner.cookie, name);
    const senders: TestSocket[] = [];
    for (let i = 0; i < 10; i++) senders.push(await connect(roomId, (await guest(`S${i}`)).cookie));
    await until(name, (r) => r?.online === 10);
    reset();

    // 1,000 messages in 5 bursts of 200, ~0.8 s apart: several report intervals long.
    const started = Date.now();
    for (let burst = 0; burst < 5; burst++) {
      for (let i = 0; i < 200; i++) {
        const s = senders[i % senders.length] as TestSocket;
        s.send({
          type: "send",
          clientId: `busy-${burst}-${String(i).padStart(3, "0")}`,
          text: "x",
        });
      }
      await Promise.all(senders.map((s) => s.next("message", (m) => m.seq === (burst + 1) * 200)));
      if (burst < 4) await new Promise((r) => setTimeout(r, 800));
    }
    const elapsed = Date.now() - started;
    await until(name, (r) => r?.messageCount === 1000);
    // Let any report still pending run, so nothing is left uncounted.
    await new Promise((r) => setTimeout(r, LOBBY_REPORT_INTERVAL_MS + 500));

    const writes = reports();
    const bound = 1 + Math.ceil(elapsed / LOBBY_REPORT_INTERVAL_MS);
    console.log(
      `lobby-room: 1000 messages over ${elapsed} ms → ${writes} lobby writes (bound ${bound})`,
    );
    expect(writes).toBeGreaterThanOrEqual(1);
    expect(writes).toBeLessThanOrEqual(bound);
    // Whatever the machine's speed: a couple of percent of one write per message at most.
    expect(writes).toBeLessThan(20);
  }, 40_000);
});
