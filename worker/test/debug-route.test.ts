import { expect, it } from "vitest";
import { api, createRoom, guest } from "./helpers";

it("serves no room timings unless the server runs with ROOM_DEBUG_STATS=on", async () => {
  const ana = await guest("Ana");
  const roomId = await createRoom(ana.cookie);
  for (const cookie of [undefined, ana.cookie]) {
    const res = await api(
      `/api/debug/rooms/${roomId}/blocks`,
      cookie ? { headers: { cookie } } : {},
    );
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  }
});
