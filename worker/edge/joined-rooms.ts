import { roomListStub, roomStub } from "../stubs";

/** Room calls in flight at once when one user's change reaches all of their rooms. */
export const JOINED_ROOMS_AT_ONCE = 8;

export type RoomCall = (room: ReturnType<typeof roomStub>, roomId: string) => Promise<unknown>;

/**
 * Calls every room on the user's room list (hidden rooms too), at most
 * JOINED_ROOMS_AT_ONCE at a time. Best effort: a room that is gone or fails is logged and skipped,
 * never an error for the caller (a logout must not fail because one room is down). Returns how
 * many calls succeeded and failed. `listRooms` reads the list another way (a sign-out records
 * the ended sessions in the same call).
 */
export async function eachJoinedRoom(
  env: Env,
  userId: string,
  call: RoomCall,
  listRooms: () => Promise<string[]> = () => roomListStub(env, userId).joinedRooms(),
): Promise<{ ok: number; failed: number }> {
  let roomIds: string[];
  try {
    roomIds = await listRooms();
  } catch (err) {
    log("room list", err);
    return { ok: 0, failed: 1 };
  }
  const result = { ok: 0, failed: 0 };
  let next = 0;
  const worker = async () => {
    while (next < roomIds.length) {
      const roomId = roomIds[next++] as string;
      try {
        await call(roomStub(env, roomId), roomId);
        result.ok += 1;
      } catch (err) {
        result.failed += 1;
        log(roomId, err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(JOINED_ROOMS_AT_ONCE, roomIds.length) }, worker));
  return result;
}

function log(what: string, err: unknown) {
  console.error(
    JSON.stringify({ level: "error", what: `joined rooms: ${what}`, error: String(err) }),
  );
}
