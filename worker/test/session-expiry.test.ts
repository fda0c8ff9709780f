import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CLOSE_SIGNED_OUT } from "../../protocol";
import type { Connection } from "../room/connection";
import type { Room } from "../room/room";
import { roomStub } from "../stubs";
import { connect, createRoom, guest } from "./helpers";
import { closedWith } from "./live-identity-helpers";

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
});
