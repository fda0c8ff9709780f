import { useEffect, useState, useSyncExternalStore } from "react";
import { RoomClient } from "./realtime/client";

/** The page's query (e.g. a private room's invite token) travels with the socket upgrade. */
function pageParams(): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(location.search));
}

function open(roomId: string) {
  return new RoomClient(roomId, { storage: sessionStorage, params: pageParams() });
}

/** Opens one RoomClient per room id for as long as the component is mounted. */
export function useRoom(roomId: string) {
  const [client, setClient] = useState(() => open(roomId));
  useEffect(() => {
    const c = client.roomId === roomId ? client : open(roomId);
    if (c !== client) setClient(c);
    c.connect();
    return () => c.close();
  }, [client, roomId]);
  const state = useSyncExternalStore(client.subscribe, client.getState);
  return { client, state };
}
