import type { MeBody } from "../../../protocol";
import { api } from "./api";
import { cachedSeqs, cacheOwner } from "./cache/owner-hint";
import { readProfile, readRoom } from "./cache/store";
import { mark } from "./marks";
import { EarlySocket } from "./realtime/early-socket";
import { socketUrl } from "./realtime/endpoints";
import type { RoomSnapshot } from "./realtime/snapshot";
import type { SocketLike } from "./realtime/transport";

/**
 * What the page asks for the moment its first script runs, all at once and before React
 * renders anything: who is signed in (the server), who was (the cache), and on a room page the
 * room's cached copy and its socket. Nothing here waits for anything else; the app picks the
 * answers up when it gets to them.
 */
export type EarlyRoom = {
  roomId: string;
  userId: string;
  snapshot: RoomSnapshot | null;
  socket: EarlySocket;
};

/** The page's query (a private room's invite token) travels with the socket upgrade. */
export function pageParams(): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(location.search));
}

mark("start");
const owner = cacheOwner();

/** `GET /api/me`, started now; the session provider takes it instead of asking again. */
let me: Promise<MeBody> | null = api.me();
me.catch(() => undefined); // handled by whoever takes it

export function takeEarlyMe(): Promise<MeBody> | null {
  const taken = me;
  me = null;
  return taken;
}

/** The cached profile of the user this browser last had (null when none). */
export const earlyProfile = owner ? readProfile(owner) : Promise.resolve(null);

/** How long an unclaimed socket stays open (the page turned out to be something else). */
const UNCLAIMED_MS = 15_000;
let room: { roomId: string; value: EarlyRoom | null; promise: Promise<EarlyRoom> } | null = null;

const match = /^\/r\/([^/]+)\/?$/.exec(location.pathname);
if (owner && match?.[1] && typeof WebSocket !== "undefined") {
  const roomId = decodeURIComponent(match[1]);
  // The socket opens now, resuming from the cached copy's seq (a hint: see cachedSeqs), while
  // the copy itself is read and the app's code is still loading.
  const url = socketUrl(location.origin, roomId, pageParams(), cachedSeqs()[roomId] ?? -1);
  const socket = new EarlySocket(url, new WebSocket(url) as SocketLike);
  preloadRoomCode();
  const promise = readRoom(owner, roomId).then((snapshot) => {
    mark(snapshot ? "cache-hit" : "cache-miss");
    const value = { roomId, userId: owner, snapshot, socket };
    if (room) room.value = value;
    return value;
  });
  room = { roomId, value: null, promise };
  setTimeout(() => {
    if (room?.roomId === roomId) {
      room = null;
      socket.close(1000, "unused");
    }
  }, UNCLAIMED_MS);
}

/**
 * The room page's code, fetched now rather than when the router gets to it. The build names
 * the chunks (web/vite/boot-script-plugin.ts); a development server names none.
 */
function preloadRoomCode() {
  const chunks = (globalThis as { __PARLEY_ROOM_CHUNKS__?: string[] }).__PARLEY_ROOM_CHUNKS__;
  for (const href of chunks ?? []) {
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = href;
    document.head.append(link);
  }
}

/**
 * The early room for this room and user, once: already resolved (`ready`), still on its way
 * (`pending`), or none. One for another room or user is closed.
 */
export function takeEarlyRoom(
  roomId: string,
  userId: string,
): { ready: EarlyRoom } | { pending: Promise<EarlyRoom | null> } | null {
  const held = room;
  room = null;
  if (!held) return null;
  const fits = (r: EarlyRoom) => r.roomId === roomId && r.userId === userId;
  if (held.value) {
    if (fits(held.value)) return { ready: held.value };
    held.value.socket.close(1000, "unused");
    return null;
  }
  if (held.roomId !== roomId) {
    void held.promise.then((r) => r.socket.close(1000, "unused"));
    return null;
  }
  return {
    pending: held.promise.then((r) => {
      if (fits(r)) return r;
      r.socket.close(1000, "unused");
      return null;
    }),
  };
}
