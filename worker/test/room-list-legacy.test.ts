import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { MyRoomsBody } from "../../protocol";
import { newUserId } from "../edge/ids";
import { newGrant } from "../http/cookies";
import { migrate } from "../migrations";
import { legacyRoomListStub, roomListStub, userStub } from "../stubs";
import { LEGACY_ROOM_LIST_MIGRATIONS } from "../user/schema";
import { getMe, login, uniqueName } from "./auth-helpers";
import { api, connect, createRoom, guest } from "./helpers";
import { storageLeft } from "./storage-helpers";

const PASSWORD = "correct horse battery";

/** Where the previous version kept user `userId`'s room list: a User object. */
function oldListStub(userId: string) {
  return env.USERS.get(env.USERS.idFromName(`rooms:${userId}`));
}

type OldRoom = { roomId: string; at: number; readSeq?: number; hidden?: boolean; dm?: string };

/**
 * Writes a room list the way the previous version did: the User schema up to migration
 * `upTo` (the room-list tables came with 2 to 4) and the statements of its UserRooms class.
 */
async function writeOldList(
  userId: string,
  list: { rooms: OldRoom[]; ended?: string[]; lastSeen?: number; identity?: string },
  upTo = LEGACY_ROOM_LIST_MIGRATIONS.length,
) {
  await runInDurableObject(oldListStub(userId), (_obj, state) => {
    const sql = state.storage.sql;
    migrate(sql, LEGACY_ROOM_LIST_MIGRATIONS.slice(0, upTo));
    for (const r of list.rooms) {
      sql.exec(
        `INSERT INTO user_rooms (room_id, joined_at, last_visit, dm_peer_id, dm_peer_name)
         VALUES (?, ?, ?, ?, ?)`,
        r.roomId,
        r.at,
        r.at,
        r.dm ?? null,
        r.dm ? `Peer ${r.dm}` : null,
      );
      if (r.readSeq) {
        sql.exec("UPDATE user_rooms SET read_seq = ? WHERE room_id = ?", r.readSeq, r.roomId);
      }
      if (r.hidden) sql.exec("UPDATE user_rooms SET hidden = 1 WHERE room_id = ?", r.roomId);
    }
    for (const sid of list.ended ?? []) {
      sql.exec(
        "INSERT OR REPLACE INTO ended_sessions (sid, until) VALUES (?, ?)",
        sid,
        Date.now() + 86_400_000,
      );
    }
    if (list.lastSeen) state.storage.kv.put("user-rooms:last-seen", list.lastSeen);
    if (list.identity) state.storage.kv.put("user-rooms:identity", list.identity);
  });
}

describe("room lists kept by the previous version", () => {
  it("open with their account: rooms, read markers, DMs, hidden rooms, ended sessions, last seen", async () => {
    const ben = await guest("Ben");
    const roomId = await createRoom(ben.cookie, "Old times");
    const socket = await connect(roomId, ben.cookie);
    for (const n of [1, 2, 3]) {
      socket.send({ type: "send", clientId: `old-post-${n}`, text: `post ${n}` });
      await socket.next("ack");
    }
    // An account as the previous version created it (identity objects did not change class).
    const id = newUserId();
    const username = uniqueName("oldtimer");
    await userStub(env, username).register(
      { id, username, password: PASSWORD, name: "Old Timer", color: "#336699" },
      newGrant(),
    );
    const seen = Date.now() - 1000;
    await writeOldList(id, {
      rooms: [
        { roomId, at: seen - 3000, readSeq: 1 },
        { roomId: "HiddenRoom01", at: seen - 2000, hidden: true },
        { roomId: "dm_OldPeerRoom01", at: seen - 1000, dm: "peer01" },
      ],
      ended: ["old-session"],
      lastSeen: seen,
      identity: username,
    });

    // The first call to the new class copies the list.
    const list = roomListStub(env, id);
    expect(await list.identityKey()).toBe(username);
    expect(await list.presence()).toEqual({ online: true, lastSeen: seen });
    expect(await list.joinedRooms()).toEqual(["dm_OldPeerRoom01", "HiddenRoom01", roomId]);
    expect(await list.rememberRoom(roomId, undefined, { key: username, sid: "old-session" })).toBe(
      false,
    );
    // Nothing of it stays in the old object.
    expect(await storageLeft(oldListStub(id))).toEqual({ tables: [], keys: 0 });

    // Through the API: the account signs in and finds its room with its unread count.
    const res = await login(username, PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    expect(((await (await getMe(cookie)).json()) as { user: { id: string } }).user.id).toBe(id);
    const mine = (await (
      await api("/api/me/rooms", { headers: { cookie } })
    ).json()) as MyRoomsBody;
    expect(mine.rooms.map((r) => [r.id, r.unread, r.readSeq])).toEqual([[roomId, 2, 1]]);
  });

  it("are read whatever schema they last had (one created before the hidden column)", async () => {
    const id = newUserId();
    await writeOldList(id, { rooms: [{ roomId: "VeryOldRoom1", at: 1_000 }] }, 2);
    const list = roomListStub(env, id);
    expect(await list.joinedRooms()).toEqual(["VeryOldRoom1"]);
    expect(await list.markRead("VeryOldRoom1", 4)).toBe(4);
    expect(await storageLeft(oldListStub(id))).toEqual({ tables: [], keys: 0 });
  });

  it("are copied once: a later open does not read the old object again", async () => {
    const id = newUserId();
    await writeOldList(id, { rooms: [{ roomId: "OnceRoom0001", at: 1_000 }] });
    const list = roomListStub(env, id);
    expect(await list.joinedRooms()).toEqual(["OnceRoom0001"]);
    await list.forgetRoom("OnceRoom0001");
    // An old list appearing again (it cannot, but if it did) is not merged into the new one.
    await writeOldList(id, { rooms: [{ roomId: "LateRoom0001", at: 2_000 }] });
    await evictDurableObject(list);
    expect(await list.joinedRooms()).toEqual(["OnceRoom0001"]);
    expect(await list.myRooms()).toEqual([]);
  });

  it("leave no old object behind for a user who never had one", async () => {
    const id = newUserId();
    expect(await roomListStub(env, id).joinedRooms()).toEqual([]);
    expect(await storageLeft(oldListStub(id))).toEqual({ tables: [], keys: 0 });
  });
});

describe("identity objects kept by the previous version", () => {
  it("open at the new schema, the room-list tables dropped, and the account signs in", async () => {
    const username = uniqueName("oldaccount");
    const stub = userStub(env, username);
    const me = await stub.register(
      { id: newUserId(), username, password: PASSWORD, name: "Old", color: "#336699" },
      newGrant(),
    );
    // Back to the previous version's schema: migrations 1 to 4, room-list tables included.
    await runInDurableObject(stub, (_obj, state) => {
      state.storage.sql.exec("DELETE FROM _migrations WHERE id > 4");
      state.storage.sql.exec(
        LEGACY_ROOM_LIST_MIGRATIONS.slice(1)
          .map((m) => m.sql)
          .join("\n"),
      );
    });
    await evictDurableObject(stub);

    const res = await login(username, PASSWORD);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { id: string } }).user.id).toBe(me?.id);
    expect((await storageLeft(stub)).tables.sort()).toEqual([
      "_migrations",
      "account",
      "login_attempts",
      "sessions",
    ]);
  });
});

describe("the stubs", () => {
  it("offer only their own object's calls, the old lists' too (checked by tsc -p worker)", () => {
    const user = userStub(env, "someone");
    const list = roomListStub(env, "someone");
    expectTypeOf(user).toHaveProperty("login");
    expectTypeOf(user).not.toHaveProperty("myRooms");
    expectTypeOf(user).not.toHaveProperty("exportRoomList");
    expectTypeOf(user).not.toHaveProperty("dropRoomList");
    expectTypeOf(list).toHaveProperty("myRooms");
    expectTypeOf(list).not.toHaveProperty("login");
    expectTypeOf(list).not.toHaveProperty("checkSession");
    const old = legacyRoomListStub(env, "someone");
    expectTypeOf(old).toHaveProperty("exportRoomList");
    expectTypeOf(old).not.toHaveProperty("login");
    expectTypeOf(old).not.toHaveProperty("myRooms");
  });
});
