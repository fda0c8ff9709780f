import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateRoomBody, ErrorBody } from "../../protocol";
import { HTTP_CASES } from "./corpus/http";
import { api, connect, createRoom, guest, json } from "./helpers";
import { watchLogs } from "./log-watch";

let publicRoom = "";
let privateRoom = "";
let cookie = "";
const logs = watchLogs();

beforeAll(async () => {
  const owner = await guest("Olga");
  publicRoom = await createRoom(owner.cookie, "Corpus");
  const res = await api(
    "/api/rooms",
    json({ name: "Hidden", visibility: "private" }, owner.cookie),
  );
  privateRoom = ((await res.json()) as CreateRoomBody).room.id;
  cookie = (await guest("Mallory")).cookie;
});

afterAll(() => logs.stop());

describe("the HTTP bad-input corpus", () => {
  for (const c of HTTP_CASES) {
    it(`${c.name}: ${c.status}${c.code ? ` ${c.code}` : ""}`, async () => {
      const path = c.path.replace("{room}", publicRoom).replace("{private}", privateRoom);
      const headers = new Headers(c.headers);
      if (c.cookie) headers.set("cookie", c.cookie === "guest" ? cookie : c.cookie);
      const init: RequestInit = { method: c.method ?? "GET", headers };
      if (c.body !== undefined) init.body = c.body;
      const res = await api(path, init);
      expect(res.status).toBe(c.status);
      if (!c.code) return;
      expect(res.headers.get("content-type")).toContain("application/json");
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe(c.code);
      expect(typeof body.error.message).toBe("string");
    });
  }

  it("leaves the room serving a well-behaved client, and the log clean", async () => {
    const ana = await guest("Ana");
    const socket = await connect(publicRoom, ana.cookie);
    socket.send({ type: "send", clientId: "after-corpus", text: "still works" });
    expect((await socket.next("ack", (a) => a.clientId === "after-corpus")).seq).toBeGreaterThan(0);
    expect(logs.errors()).toEqual([]);
  });
});
