import { Hono } from "hono";
import { type MyRoom, type MyRoomsBody, ReadRequest, RoomParams } from "../../protocol";
import type { AppEnv } from "../http/app-env";
import { HttpError } from "../http/errors";
import { requireSession, sessionOf } from "../http/session";
import { valid } from "../http/validate";
import { MY_ROOMS_POLL_MS } from "../room-list/store";
import { roomListStub, roomStub } from "../stubs";

/**
 * GET /api/me/rooms: the rooms I joined with unread counts. The list and read markers come from
 * my RoomList object; each room answers for its own unread count (one bounded query), in
 * parallel.
 * The app polls this every `pollMs` while it is open; nothing is pushed.
 */
export const myRooms = new Hono<AppEnv>()
  .use(requireSession)
  .get("/", async (c) => {
    const session = sessionOf(c);
    const rows = await roomListStub(c.env, session.uid).myRooms();
    const names = [session.name, session.username ?? ""];
    const rooms = await Promise.all(
      rows.map(async (row): Promise<MyRoom | null> => {
        const state = await roomStub(c.env, row.roomId)
          .unread({ userId: session.uid, names, readSeq: row.readSeq })
          .catch(() => null); // one unreachable room must not hide the others
        if (!state) return null;
        return {
          id: row.roomId,
          name: row.dmWith?.name ?? state.room.name,
          visibility: state.room.visibility,
          dmWith: row.dmWith,
          unread: state.unread,
          mentioned: state.mentioned,
          readSeq: Math.min(row.readSeq, state.lastSeq),
          lastSeq: state.lastSeq,
          lastActivity: state.lastActivity ?? state.room.createdAt,
        };
      }),
    );
    const body: MyRoomsBody = {
      rooms: rooms
        .filter((r): r is MyRoom => r !== null)
        .sort((a, b) => b.lastActivity - a.lastActivity),
      pollMs: MY_ROOMS_POLL_MS,
    };
    c.header("Cache-Control", "no-store");
    return c.json(body);
  })
  .post("/:roomId/read", valid("param", RoomParams), valid("json", ReadRequest), async (c) => {
    const { roomId } = c.req.valid("param");
    // The room clamps the marker to its last seq and records it in my room list.
    const marked = await roomStub(c.env, roomId).markRead(
      sessionOf(c).uid,
      c.req.valid("json").seq,
    );
    if (!marked) throw new HttpError("not_found", "No such room");
    if (marked.readSeq === null) throw new HttpError("not_found", "You have not joined this room");
    return c.json({ readSeq: marked.readSeq });
  })
  // Leaving: off my list, no longer a member (a private room needs its invite again), and my
  // sockets in the room close. Idempotent.
  .delete("/:roomId", valid("param", RoomParams), async (c) => {
    const { uid } = sessionOf(c);
    const { roomId } = c.req.valid("param");
    await Promise.all([
      roomListStub(c.env, uid).forgetRoom(roomId),
      roomStub(c.env, roomId).leave(uid),
    ]);
    return c.body(null, 204);
  });
