import { describe, expect, it } from "vitest";
import { RoomId } from "../../protocol";
import { dmRoomId } from "../edge/dm-id";

describe("direct message room id", () => {
  it("is the same for a pair whichever side starts, and a valid room id", async () => {
    const ab = await dmRoomId("user-aaaaaaaa", "user-bbbbbbbb");
    expect(await dmRoomId("user-bbbbbbbb", "user-aaaaaaaa")).toBe(ab);
    expect(RoomId.safeParse(ab).success).toBe(true);
    expect(ab.startsWith("dm_")).toBe(true);
  });

  it("differs for every other pair", async () => {
    const ids = new Set([
      await dmRoomId("user-aaaaaaaa", "user-bbbbbbbb"),
      await dmRoomId("user-aaaaaaaa", "user-cccccccc"),
      await dmRoomId("user-bbbbbbbb", "user-cccccccc"),
      // The separator keeps "ab"+"c" apart from "a"+"bc".
      await dmRoomId("user-aaaaaaaab", "user-cccccccc"),
      await dmRoomId("user-aaaaaaaa", "buser-cccccccc"),
    ]);
    expect(ids.size).toBe(5);
  });
});
