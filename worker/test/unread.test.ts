import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { nanoid } from "nanoid";
import { describe, expect, it } from "vitest";
import type { MyRoom, MyRoomsBody } from "../../protocol";
import { ONLINE_WINDOW_MS, RoomListStore } from "../room-list/store";
import { roomListStub } from "../stubs";
import { api, connect, createRoom, guest, json } from "./helpers";

async function myRooms(cookie: string): Promise<MyRoomsBody> {
  const res = await api("/api/me/rooms", { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as MyRoomsBody;
}

/** The user's entry for a room, waiting for the join to be recorded (it is in the background). */
async function entry(cookie: string, roomId: string): Promise<MyRoom> {
  for (let i = 0; i < 50; i++) {
    const found = (await myRooms(cookie)).rooms.find((r) => r.id === roomId);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`room ${roomId} never appeared in the list`);
}

function read(cookie: string, roomId: string, seq: number) {
  return api(`/api/me/rooms/${roomId}/read`, json({ seq }, cookie));
}

describe("your rooms and unread counts", () => {
  it("counts others' messages after the read marker, flags a mention, and clears on read", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie, "Unread room");
    const a = await connect(roomId, ana.cookie);
    const b = await connect(roomId, ben.cookie);
    b.ws.close();

    expect(await entry(ben.cookie, roomId)).toMatchObject({
      name: "Unread room",
      unread: 0,
      mentioned: false,
      dmWith: null,
    });

    const seqs: number[] = [];
    for (const text of ["one", "two, right @ben?", "three"]) {
      a.send({ type: "send", clientId: `unread-${seqs.length}-x`, text });
      seqs.push((await a.next("ack", (f) => f.clientId === `unread-${seqs.length}-x`)).seq);
    }
    expect(await entry(ben.cookie, roomId)).toMatchObject({
      unread: 3,
      mentioned: true,
      lastSeq: seqs[2],
    });
    // The author's own messages are never unread for them.
    expect((await entry(ana.cookie, roomId)).unread).toBe(0);

    // Reading past the mention clears the flag; the rest stays unread.
    expect(await (await read(ben.cookie, roomId, seqs[1] as number)).json()).toEqual({
      readSeq: seqs[1],
    });
    expect(await entry(ben.cookie, roomId)).toMatchObject({ unread: 1, mentioned: false });

    // A marker never moves back, and one past the end is clamped to the last message.
    await read(ben.cookie, roomId, 0);
    expect((await entry(ben.cookie, roomId)).unread).toBe(1);
    expect(await (await read(ben.cookie, roomId, 999_999)).json()).toEqual({ readSeq: seqs[2] });
    expect(await entry(ben.cookie, roomId)).toMatchObject({ unread: 0, readSeq: seqs[2] });
  });

  it("takes read markers from the socket's read frames too", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie, "Frames room");
    const a = await connect(roomId, ana.cookie);
    const b = await connect(roomId, ben.cookie);
    a.send({ type: "send", clientId: "frame-read-1", text: "first" });
    a.send({ type: "send", clientId: "frame-read-2", text: "second" });
    const last = await b.next("message", (m) => m.message.clientId === "frame-read-2");
    expect((await entry(ben.cookie, roomId)).unread).toBe(2);

    b.send({ type: "read", seq: last.seq });
    for (let i = 0; i < 50 && (await entry(ben.cookie, roomId)).unread !== 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await entry(ben.cookie, roomId)).toMatchObject({ unread: 0, readSeq: last.seq });
  });

  it("drops a room from the list on request until the user enters it again", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie, "Leave me");
    (await connect(roomId, ana.cookie)).ws.close();
    await entry(ana.cookie, roomId);

    const res = await api(`/api/me/rooms/${roomId}`, {
      method: "DELETE",
      headers: { cookie: ana.cookie },
    });
    expect(res.status).toBe(204);
    expect((await myRooms(ana.cookie)).rooms.map((r) => r.id)).not.toContain(roomId);
    await connect(roomId, ana.cookie);
    expect((await entry(ana.cookie, roomId)).id).toBe(roomId);
  });

  it("hides a room from a user it banned", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie, "Strict room");
    (await connect(roomId, ben.cookie)).ws.close();
    await entry(ben.cookie, roomId);

    const ban = await api(`/api/rooms/${roomId}/bans`, json({ userId: ben.me.id }, ana.cookie));
    expect(ban.status).toBe(200);
    expect((await myRooms(ben.cookie)).rooms.map((r) => r.id)).not.toContain(roomId);
    expect((await read(ben.cookie, roomId, 1)).status).toBe(404);
  });

  it("refuses to mark a room the user never joined (no peeking at its name or counts)", async () => {
    const ana = await guest("Ana");
    const eve = await guest("Eve");
    const roomId = await createRoom(ana.cookie, "Not Eve's");
    const res = await read(eve.cookie, roomId, 1);
    expect(res.status).toBe(404);
    expect((await myRooms(eve.cookie)).rooms.map((r) => r.id)).not.toContain(roomId);
  });

  it("needs a session and valid input", async () => {
    expect((await api("/api/me/rooms")).status).toBe(401);
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie);
    expect((await read(ana.cookie, roomId, -1)).status).toBe(400);
    expect((await read(ana.cookie, "bad id!", 1)).status).toBe(400);
  });
});

describe("online / last seen beyond a room", () => {
  it("is online while the app polls the room list, and unknown before", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const before = await api(`/api/users/${ben.me.id}/presence`, {
      headers: { cookie: ana.cookie },
    });
    expect(await before.json()).toEqual({ online: false, lastSeen: null });

    const t0 = Date.now();
    await myRooms(ben.cookie);
    const after = await api(`/api/users/${ben.me.id}/presence`, {
      headers: { cookie: ana.cookie },
    });
    const body = (await after.json()) as { online: boolean; lastSeen: number };
    expect(body.online).toBe(true);
    expect(body.lastSeen).toBeGreaterThanOrEqual(t0);
  });

  it("goes offline once the polls stop, keeping the last-seen time", async () => {
    await runInDurableObject(roomListStub(env, `presence-${nanoid()}`), async (_obj, state) => {
      const rooms = new RoomListStore(state.storage);
      rooms.seen(1_000_000);
      expect(rooms.presence(1_000_000 + ONLINE_WINDOW_MS - 1)).toEqual({
        online: true,
        lastSeen: 1_000_000,
      });
      expect(rooms.presence(1_000_000 + ONLINE_WINDOW_MS)).toEqual({
        online: false,
        lastSeen: 1_000_000,
      });
    });
  });
});
