import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CLOSE_SIGNED_OUT } from "../../protocol";
import type { Connection } from "../room/connection";
import type { Room } from "../room/room";
import { roomStub } from "../stubs";
import { cookieClaims, register, uniqueName } from "./auth-helpers";
import { connect, createRoom, guest } from "./helpers";
import { closedWith, joined } from "./live-identity-helpers";

/** When each of the user's sockets in the room closes for its session's end (exp, ms). */
function socketExpiries(roomId: string, userId: string) {
  return runInDurableObject(roomStub(env, roomId), (_room, state) =>
    state.getWebSockets(userId).map((ws) => (ws.deserializeAttachment() as Connection).exp),
  );
}

describe("session expiry", () => {
  it("closes a socket whose session ran out at the next sweep, and only that one", async () => {
    const ana = await guest("Ana");
    const ben = await guest("Ben");
    const roomId = await createRoom(ana.cookie, "Expiry");
    const a = await connect(roomId, ana.cookie);
    const b = await connect(roomId, ben.cookie);

    const closed = await runInDurableObject(roomStub(env, roomId), (room: Room, state) => {
      for (const ws of state.getWebSockets(ben.me.id)) {
        const conn = ws.deserializeAttachment() as Connection;
        // The Worker hands over the session's real expiry; move Ben's into the past.
        expect(conn.exp).toBeGreaterThan(Date.now());
        ws.serializeAttachment({ ...conn, exp: Date.now() - 1 });
      }
      return room.sweepStale(0);
    });
    expect(closed).toBe(1);
    expect((await closedWith(b)).code).toBe(CLOSE_SIGNED_OUT);
    const leave = await a.next("presence", (p) => p.op === "leave");
    expect(leave.member.id).toBe(ben.me.id);
    expect(a.closed).toBeNull();
  });

  it("gives a guest's sockets the account session's expiry when the guest registers", async () => {
    const ana = await guest("Ana");
    const roomId = await createRoom(ana.cookie, "Upgrade expiry");
    const socket = await connect(roomId, ana.cookie);
    await joined(ana.me.id, roomId);
    expect(await socketExpiries(roomId, ana.me.id)).toEqual([cookieClaims(ana.cookie).exp * 1000]);
    // A guest session near its end (say, 29 days old) when the guest signs up.
    const guestEnds = Date.now() + 60_000;
    await runInDurableObject(roomStub(env, roomId), (_room, state) => {
      for (const ws of state.getWebSockets(ana.me.id)) {
        ws.serializeAttachment({ ...(ws.deserializeAttachment() as Connection), exp: guestEnds });
      }
    });

    const account = await register(uniqueName("later"), "correct horse battery", {
      cookie: ana.cookie,
    });
    const accountEnds = cookieClaims(account.cookie).exp * 1000;
    expect(accountEnds).toBeGreaterThan(guestEnds + 29 * 86_400_000);
    const [exp] = await socketExpiries(roomId, ana.me.id);
    // The grant's expiry in ms; the cookie carries it in whole seconds.
    expect(exp).toBeGreaterThanOrEqual(accountEnds);
    expect(exp).toBeLessThan(accountEnds + 1000);
    // A sweep after the guest session would have ended leaves the socket open.
    const closed = await runInDurableObject(roomStub(env, roomId), (room: Room) =>
      room.sweepStale(0, guestEnds + 1),
    );
    expect(closed).toBe(0);
    expect(socket.closed).toBeNull();
  });
});
