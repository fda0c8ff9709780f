import { useEffect, useState, useSyncExternalStore } from "react";
import { keepRoomCached } from "./cache/room-writer";
import { readRoom, roomInMemory } from "./cache/store";
import { type EarlyRoom, pageParams, takeEarlyRoom } from "./early-start";
import { RoomClient } from "./realtime/client";
import { outboxKey } from "./realtime/outbox";
import type { RoomSnapshot } from "./realtime/snapshot";

type Start = {
  client: RoomClient;
  /** Work still to do before connecting: the cached copy and the early socket, if late. */
  pending: Promise<EarlyRoom | RoomSnapshot | null> | null;
  early: EarlyRoom | null;
};

/**
 * A client for the room, started from the best copy at hand: the one the page's first script
 * read (with the socket it opened), the one this page last showed, or, read from the cache
 * before connecting, the one an earlier visit left.
 */
function open(roomId: string, userId: string): Start {
  const early = takeEarlyRoom(roomId, userId);
  const ready = early && "ready" in early ? early.ready : null;
  const snapshot = ready ? ready.snapshot : roomInMemory(userId, roomId);
  const client = new RoomClient(roomId, {
    storage: sessionStorage,
    outboxKey: outboxKey(userId, roomId),
    params: pageParams(),
    snapshot,
  });
  const pending =
    early && "pending" in early
      ? early.pending
      : ready || snapshot
        ? null
        : readRoom(userId, roomId);
  return { client, pending, early: ready };
}

/** Opens one RoomClient per room (and user) for as long as the component is mounted. */
export function useRoom(roomId: string, userId: string) {
  const [start, setStart] = useState(() => open(roomId, userId));
  const { client } = start;
  useEffect(() => {
    if (client.roomId !== roomId) {
      setStart(open(roomId, userId));
      return;
    }
    let live = true;
    const stopCaching = keepRoomCached(client, userId);
    if (!start.pending) client.connect(start.early?.socket);
    else
      void start.pending.then((got) => {
        const early = got && "socket" in got ? got : null;
        const snapshot = early ? early.snapshot : (got as RoomSnapshot | null);
        if (!live) {
          early?.socket.close(1000, "unused");
          return;
        }
        if (snapshot) client.hydrate(snapshot);
        client.connect(early?.socket);
      });
    // Back online: no need to wait out the backoff.
    const online = () => client.retryNow();
    addEventListener("online", online);
    return () => {
      live = false;
      removeEventListener("online", online);
      stopCaching();
      client.close();
    };
  }, [client, roomId, userId, start]);
  const state = useSyncExternalStore(client.subscribe, client.getState);
  return { client, state };
}
