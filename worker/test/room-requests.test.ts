import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../protocol";
import type { Room } from "../room/room";
import { roomStub } from "../stubs";
import { connect, createRoom, guest, type TestSocket } from "./helpers";

async function fill(socket: TestSocket, n: number, prefix: string) {
  for (let i = 0; i < n; i++)
    socket.send({ type: "send", clientId: `${prefix}-${i}xxxxx`, text: `${prefix}${i}` });
  await socket.next("ack", (a) => a.clientId === `${prefix}-${n - 1}xxxxx`);
}

describe("requests over the socket", () => {
  it("pages history with before and limit, oldest first within a page", async () => {
    const ana = await guest();
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    await fill(a, 7, "h");
    a.send({ type: "history", id: "p1", before: 6, limit: 3 });
    const page = await a.next("history", (h) => h.id === "p1");
    expect(page.messages.map((m) => m.seq)).toEqual([3, 4, 5]);
    expect(page.hasMore).toBe(true);
    a.send({ type: "history", id: "p2", before: 3, limit: 3 });
    const rest = await a.next("history", (h) => h.id === "p2");
    expect(rest).toMatchObject({ hasMore: false });
    expect(rest.messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it("answers sync with a welcome and exactly the events after since", async () => {
    const ana = await guest();
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    await fill(a, 4, "s");
    a.send({ type: "sync", since: 2 });
    const welcome = await a.next("welcome", (w) => w.mode === "catchup");
    expect(welcome.lastSeq).toBe(4);
    const start = a.frames.indexOf(welcome);
    await a.next("message", (m) => a.frames.indexOf(m) > start && m.seq === 4);
    const replay = a.frames.slice(start + 1);
    expect(replay.map((f) => ("seq" in f ? f.seq : f.type))).toEqual([3, 4]);

    a.send({ type: "sync", since: 99 }); // ahead of the room: only a snapshot can be trusted
    const snapshot = await a.next(
      "welcome",
      (w) => w.mode === "snapshot" && a.frames.indexOf(w) > start,
    );
    expect(snapshot.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it("sends a snapshot instead of replaying a gap longer than maxCatchUpEvents", async () => {
    const ana = await guest();
    const roomId = await createRoom(ana.cookie);
    const stub = roomStub(env, roomId);
    const total = LIMITS.maxCatchUpEvents + 50;
    // Stored directly (a real client could not send this many this fast); the restart reloads seqs.
    await runInDurableObject(stub, (_room, state) => {
      for (let seq = 1; seq <= total; seq++)
        state.storage.sql.exec(
          "INSERT INTO messages (seq, client_id, author_id, author_name, text, created_at) VALUES (?, ?, ?, 'Ana', ?, 0)",
          seq,
          `bulk-${seq}xxxx`,
          ana.me.id,
          `bulk ${seq}`,
        );
    });
    await evictDurableObject(stub);

    const far = await connect(roomId, ana.cookie, { since: 10 });
    const snapshot = await far.next("welcome");
    expect(snapshot).toMatchObject({ mode: "snapshot", lastSeq: total, hasMore: true });
    expect(snapshot.messages).toHaveLength(LIMITS.historyPageDefault);
    expect(snapshot.messages.at(-1)?.seq).toBe(total);
    expect(far.of("message")).toHaveLength(0);

    const near = await connect(roomId, ana.cookie, { since: total - LIMITS.maxCatchUpEvents });
    expect((await near.next("welcome")).mode).toBe("catchup");
    await near.next("message", (m) => m.seq === total);
    expect(near.of("message")).toHaveLength(LIMITS.maxCatchUpEvents);
  });

  it("answers a ping the room itself receives, and accepts read markers silently", async () => {
    const ana = await guest();
    const roomId = await createRoom(ana.cookie);
    const a = await connect(roomId, ana.cookie);
    a.send('{ "type": "ping" }'); // not the exact auto-response text: reaches the room
    await a.next("pong");
    a.send({ type: "read", seq: 0 });
    await fill(a, 1, "r");
    expect(a.of("error")).toEqual([]);
  });
});

describe("owner changes from the HTTP API (Room.change)", () => {
  it("broadcasts rename and topic events for the owner, refuses others", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie);
    const b = await connect(roomId, ben.cookie);
    const stub = roomStub(env, roomId);

    const refused = await runInDurableObject(stub, (room: Room) =>
      room.change(ben.me.id, { name: "Mine" }),
    );
    expect(refused).toBe("forbidden");
    const updated = await runInDurableObject(stub, (room: Room) =>
      room.change(ana.me.id, { name: "Renamed", topic: "New topic" }),
    );
    expect(updated).toMatchObject({ room: { name: "Renamed", topic: "New topic" } });
    expect(await b.next("rename")).toMatchObject({ seq: 1, name: "Renamed", by: ana.me.id });
    expect(await b.next("topic")).toMatchObject({ seq: 2, topic: "New topic" });
    expect(b.of("rename")).toHaveLength(1);
  });
});
