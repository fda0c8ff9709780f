import { useEffect, useState, useSyncExternalStore } from "react";
import { RoomClient } from "./realtime";

/** Opens one RoomClient per room id for as long as the component is mounted. */
export function useRoom(roomId: string) {
  const [client, setClient] = useState(() => new RoomClient(roomId, { storage: sessionStorage }));
  useEffect(() => {
    const c =
      client.roomId === roomId ? client : new RoomClient(roomId, { storage: sessionStorage });
    if (c !== client) setClient(c);
    c.connect();
    return () => c.close();
  }, [client, roomId]);
  const state = useSyncExternalStore(client.subscribe, client.getState);
  return { client, state };
}
