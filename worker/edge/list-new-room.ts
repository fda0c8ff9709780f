import type { RoomInfo } from "../../protocol/index";
import { lobbyStub } from "../stubs";

/**
 * Lists a newly created public room at once, so its creator finds it in the directory without
 * waiting for the room's first debounced report. A failure is only logged: the room itself
 * reports again as soon as anyone joins it.
 */
export async function registerInDirectory(env: Env, room: RoomInfo): Promise<void> {
  if (room.visibility !== "public") return;
  try {
    await lobbyStub(env).report({
      id: room.id,
      name: room.name,
      topic: room.topic,
      visibility: room.visibility,
      online: 0,
      messageCount: 0,
      lastActivity: room.createdAt,
      createdAt: room.createdAt,
      at: room.createdAt,
    });
  } catch (err) {
    console.error(JSON.stringify({ level: "error", what: "lobby register", error: String(err) }));
  }
}
