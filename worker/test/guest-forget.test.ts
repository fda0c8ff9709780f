import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CLOSE_SIGNED_OUT, type MyRoomsBody } from "../../protocol";
import { FORGOTTEN_LIST_GRACE_MS } from "../room-list/room-list";
import { roomListStub, userStub } from "../stubs";
import { cookieClaims, post, register, uniqueName } from "./auth-helpers";
import { api, connect, createRoom, guest, json } from "./helpers";
import { closedWith, joined } from "./live-identity-helpers";
import { storageLeft } from "./storage-helpers";

/** A guest with a socket open in a room of its own, recorded on its room list. */
async function guestInARoom(name: string) {
  const g = await guest(name);
  const roomId = await createRoom(g.cookie, `${name}'s room`);
  const socket = await connect(roomId, g.cookie);
  await joined(g.me.id, roomId);
  return { ...g, roomId, socket };
}

function alarmOf(stub: DurableObjectStub) {
  return runInDurableObject(stub, (_obj, state) => state.storage.getAlarm());
}

describe("a forgotten guest's room list", () => {
  it("goes after the grace period when the guest signs out; the sign-out still reaches its rooms", async () => {
    const ana = await guestInARoom("Ana");
    const list = roomListStub(env, ana.me.id);
    const before = Date.now();
    expect((await post("/api/auth/logout", {}, { cookie: ana.cookie })).status).toBe(200);
    // The sign-out read the list after the guest was forgotten: the socket closed.
    expect((await closedWith(ana.socket)).code).toBe(CLOSE_SIGNED_OUT);

    // Meanwhile the list stands, and a join recorded late still learns its session ended.
    expect(await alarmOf(list)).toBeGreaterThanOrEqual(before + FORGOTTEN_LIST_GRACE_MS);
    const { key, sid } = cookieClaims(ana.cookie);
    expect(await list.rememberRoom(ana.roomId, undefined, { key, sid })).toBe(false);

    expect(await runDurableObjectAlarm(list)).toBe(true);
    expect(await storageLeft(list)).toEqual({ tables: [], keys: 0 });
    // Nobody can open a conversation with the id any more.
    const ben = await guest("Ben");
    const dm = await api("/api/dm", json({ userId: ana.me.id }, ben.cookie));
    expect(dm.status).toBe(404);
  });

  it("goes when the guest's session expires", async () => {
    const gia = await guestInARoom("Gia");
    const identity = userStub(env, `guest:${gia.me.id}`);
    await runInDurableObject(identity, (_obj, state) => {
      state.storage.sql.exec("UPDATE sessions SET expires_at = ?", Date.now() - 1);
    });
    expect(await runDurableObjectAlarm(identity)).toBe(true);
    const list = roomListStub(env, gia.me.id);
    expect(await list.joinedRooms()).toEqual([gia.roomId]);
    expect(await runDurableObjectAlarm(list)).toBe(true);
    expect(await storageLeft(list)).toEqual({ tables: [], keys: 0 });
  });

  it("stays when the guest became an account, which keeps the rooms", async () => {
    const olga = await guestInARoom("Olga");
    const account = await register(uniqueName("olga"), "correct horse battery", {
      cookie: olga.cookie,
    });
    const list = roomListStub(env, olga.me.id);
    expect(await alarmOf(list)).toBeNull();
    expect(await runDurableObjectAlarm(list)).toBe(false);
    const mine = (await (
      await api("/api/me/rooms", { headers: { cookie: account.cookie } })
    ).json()) as MyRoomsBody;
    expect(mine.rooms.map((r) => r.id)).toEqual([olga.roomId]);
  });

  it("stays when the id was taken over by an account before the alarm rang", async () => {
    const ivo = await guestInARoom("Ivo");
    const list = roomListStub(env, ivo.me.id);
    expect(await list.guestForgotten(`guest:${ivo.me.id}`)).toBe(true);
    // The identity record moved on (as an upgrade writes it) before the list was deleted.
    await list.recordIdentity("someaccount");
    expect(await runDurableObjectAlarm(list)).toBe(true);
    expect(await list.joinedRooms()).toEqual([ivo.roomId]);
    // And a key that is not the list's own is refused outright.
    expect(await list.guestForgotten(`guest:${ivo.me.id}`)).toBe(false);
  });
});
