import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CLOSE_LEFT, CLOSE_SIGNED_OUT } from "../../protocol";
import { eachJoinedRoom, JOINED_ROOMS_AT_ONCE } from "../edge/joined-rooms";
import { recordJoin } from "../edge/remember-join";
import { roomListStub, userStub } from "../stubs";
import { cookieClaims, login, post, register, sessionCookie, uniqueName } from "./auth-helpers";
import { api, connect, createRoom, guest, ORIGIN } from "./helpers";
import { closedWith, joined, settle } from "./live-identity-helpers";

const PASSWORD = "correct horse battery";

/** An account signed in on two devices. */
async function twoDevices() {
  const username = uniqueName("signout");
  const first = await register(username, PASSWORD);
  const res = await login(username, PASSWORD);
  const second = sessionCookie(res);
  if (!second) throw new Error("login set no cookie");
  return { me: first.me, laptop: first.cookie, phone: second };
}

function logout(cookie: string, everywhere = false) {
  return post("/api/auth/logout", everywhere ? { everywhere: true } : {}, { cookie });
}

async function upgradeStatus(roomId: string, cookie: string): Promise<number> {
  const res = await api(`/api/rooms/${roomId}/ws`, {
    headers: { Upgrade: "websocket", cookie, Origin: ORIGIN },
  });
  return res.status;
}

describe("signing out reaches open sockets", () => {
  it("closes that session's sockets in every joined room with 4401, and only those", async () => {
    const { me, laptop, phone } = await twoDevices();
    const other = await guest("Olga");
    const roomA = await createRoom(other.cookie, "Room A");
    const roomB = await createRoom(other.cookie, "Room B");
    const observer = await connect(roomA, other.cookie);
    const laptopA = await connect(roomA, laptop);
    const laptopB = await connect(roomB, laptop);
    const phoneA = await connect(roomA, phone);
    await joined(me.id, roomA);
    await joined(me.id, roomB);

    expect((await logout(laptop)).status).toBe(200);
    expect(await closedWith(laptopA)).toEqual({ code: CLOSE_SIGNED_OUT, reason: "Signed out" });
    expect((await closedWith(laptopB)).code).toBe(CLOSE_SIGNED_OUT);

    // The phone's session is alive: its socket still works, and the user is still present.
    phoneA.send({ type: "send", clientId: "after-logout-1", text: "still here" });
    expect((await observer.next("message")).message.text).toBe("still here");
    expect(phoneA.closed).toBeNull();
    expect(observer.of("presence").filter((p) => p.op === "leave")).toEqual([]);
    // The laptop cannot come back with its old cookie.
    expect(await upgradeStatus(roomA, laptop)).toBe(401);
  });

  it("log out everywhere closes every socket of the user, and the room sees them leave", async () => {
    const { me, laptop, phone } = await twoDevices();
    const other = await guest("Olga");
    const roomId = await createRoom(other.cookie, "Everywhere");
    const observer = await connect(roomId, other.cookie);
    const sockets = [await connect(roomId, laptop), await connect(roomId, phone)];
    await joined(me.id, roomId);

    expect((await logout(phone, true)).status).toBe(200);
    for (const socket of sockets) expect((await closedWith(socket)).code).toBe(CLOSE_SIGNED_OUT);
    const leave = await observer.next("presence", (p) => p.op === "leave");
    expect(leave.member.id).toBe(me.id);
    expect(observer.closed).toBeNull();
    expect(await upgradeStatus(roomId, laptop)).toBe(401);
  });

  it("reaches a room the user left and joined again", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie, "Dropped");
    const first = await connect(roomId, ana.cookie);
    await joined(ana.me.id, roomId);
    const drop = await api(`/api/me/rooms/${roomId}`, {
      method: "DELETE",
      headers: { cookie: ana.cookie },
    });
    expect(drop.status).toBe(204);
    // Leaving closes the sockets there; a later join puts the room back in reach of a logout.
    expect((await closedWith(first)).code).toBe(CLOSE_LEFT);
    const again = await connect(roomId, ana.cookie);
    await joined(ana.me.id, roomId);

    expect((await logout(ana.cookie)).status).toBe(200);
    expect((await closedWith(again)).code).toBe(CLOSE_SIGNED_OUT);
  });

  it("closes the previous identity's sockets when the browser signs in as someone else", async () => {
    const username = uniqueName("switch");
    await register(username, PASSWORD);
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie, "Switch");
    const socket = await connect(roomId, ana.cookie);
    await joined(ana.me.id, roomId);

    const res = await post(
      "/api/auth/login",
      { username, password: PASSWORD },
      { cookie: ana.cookie },
    );
    expect(res.status).toBe(200);
    expect((await closedWith(socket)).code).toBe(CLOSE_SIGNED_OUT);
  });

  it("keeps a guest's sockets open when it becomes an account, now shown as the account", async () => {
    const ana = await guest("Ana");
    const other = await guest("Olga");
    const roomId = await createRoom(other.cookie, "Upgrade");
    const observer = await connect(roomId, other.cookie);
    const socket = await connect(roomId, ana.cookie);
    await joined(ana.me.id, roomId);
    expect((await observer.next("presence", (p) => p.op === "join")).member.guest).toBe(true);

    const username = uniqueName("upgraded");
    const account = await register(username, PASSWORD, { cookie: ana.cookie });
    const update = await observer.next("presence", (p) => p.op === "update");
    expect(update.member).toMatchObject({ id: ana.me.id, name: "Ana" });
    expect(update.member.guest).toBeUndefined();
    // The open socket carries the new username at once (profile links), no reconnect needed.
    expect(update.member.username).toBe(username.toLowerCase());
    socket.send({ type: "send", clientId: "upgraded-send-1", text: "an account now" });
    const message = (await observer.next("message")).message;
    expect(message.author.id).toBe(ana.me.id);
    expect(message.author.guest).toBeUndefined();
    expect(message.author.username).toBe(username.toLowerCase());
    expect(socket.closed).toBeNull();

    // The socket now belongs to the account's session in this browser: its logout closes it.
    expect((await logout(account.cookie)).status).toBe(200);
    expect((await closedWith(socket)).code).toBe(CLOSE_SIGNED_OUT);
  });

  it("does not fail the logout when a room on the list is gone", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie, "Still here");
    const socket = await connect(roomId, ana.cookie);
    await joined(ana.me.id, roomId);
    // A room id that names no room, listed first (most recent).
    await roomListStub(env, ana.me.id).rememberRoom("NoSuchRoom01");

    expect((await logout(ana.cookie)).status).toBe(200);
    expect((await closedWith(socket)).code).toBe(CLOSE_SIGNED_OUT);
  });
});

describe("calling each room a user joined", () => {
  it("calls every listed room, at most JOINED_ROOMS_AT_ONCE at once, and survives failures", async () => {
    const userId = `joined${Date.now().toString(36)}`;
    const rooms = Array.from({ length: 30 }, (_, i) => `fanroom${i.toString().padStart(5, "0")}`);
    for (const roomId of rooms) await roomListStub(env, userId).rememberRoom(roomId);

    let inFlight = 0;
    let peak = 0;
    const seen: string[] = [];
    const result = await eachJoinedRoom(env, userId, async (_room, roomId) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await settle(5);
      inFlight -= 1;
      seen.push(roomId);
      if (roomId.endsWith("7")) throw new Error("this room is down");
    });
    expect(seen.sort()).toEqual([...rooms].sort());
    expect(peak).toBe(JOINED_ROOMS_AT_ONCE);
    expect(result).toEqual({ ok: 27, failed: 3 });
  });

  it("does nothing for a user with no rooms", async () => {
    const result = await eachJoinedRoom(env, `nobody${Date.now().toString(36)}`, async () => {
      throw new Error("never called");
    });
    expect(result).toEqual({ ok: 0, failed: 0 });
  });
});

describe("a join racing with a sign-out", () => {
  it("closes a socket whose session ended before its join was recorded", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie, "Race");
    const socket = await connect(roomId, ana.cookie);
    await joined(ana.me.id, roomId);
    const claims = cookieClaims(ana.cookie);
    // A sign-out whose one call to the list came before this join was recorded: it ended the
    // session and recorded that, and its calls to the rooms (not run here) did not know this room.
    await userStub(env, claims.key).endSession(claims.sid);
    await roomListStub(env, claims.uid).signedOut([claims.sid]);
    expect(socket.closed).toBeNull();

    await recordJoin(env, claims, roomId);
    expect((await closedWith(socket)).code).toBe(CLOSE_SIGNED_OUT);
  });

  it("knows every session that log out everywhere ended", async () => {
    const { me, laptop, phone } = await twoDevices();
    const roomId = await createRoom(laptop, "Race everywhere");
    const socket = await connect(roomId, phone);
    await joined(me.id, roomId);
    const claims = cookieClaims(phone);
    const ended = await userStub(env, claims.key).endAllSessions();
    expect(ended.sort()).toEqual([claims.sid, cookieClaims(laptop).sid].sort());
    await roomListStub(env, me.id).signedOut(ended);

    await recordJoin(env, claims, roomId);
    expect((await closedWith(socket)).code).toBe(CLOSE_SIGNED_OUT);
  });

  it("leaves the socket alone while the session is live", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie, "No race");
    const socket = await connect(roomId, ana.cookie);
    await recordJoin(env, cookieClaims(ana.cookie), roomId);
    socket.send({ type: "ping" });
    await socket.next("pong");
    expect(socket.closed).toBeNull();
  });
});
