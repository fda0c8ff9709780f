// Sockets as an attacker uses them, over real TCP against the real local server: a client that
// ignores the server's close frame and keeps writing, and the timing of the closing handshake.
import { describe, expect, inject, it } from "vitest";
import type { MeBody, MessagesBody } from "../protocol/index.ts";
import { RawSocket } from "./raw-socket.ts";
import { createRoom, guestCookie } from "./seed.ts";

const baseURL = inject("baseURL");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(10);
  }
}

async function call(path: string, cookie: string, method: string, body?: unknown) {
  const init: RequestInit = { method, headers: { cookie, origin: baseURL } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, "content-type": "application/json" };
  }
  const res = await fetch(`${baseURL}${path}`, init);
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

async function setUp() {
  const owner = await guestCookie(baseURL, "Olga");
  const eve = await guestCookie(baseURL, "Eve");
  const eveId = ((await (await call("/api/me", eve, "GET")).json()) as MeBody).user.id;
  const roomId = await createRoom(baseURL, owner, "Closed means closed");
  const open = (cookie: string) =>
    RawSocket.open(baseURL, `/api/rooms/${roomId}/ws`, { Cookie: cookie, Origin: baseURL });
  const watcher = await open(owner);
  const zombie = await open(eve);
  await until(() => zombie.texts().some((f) => f.type === "welcome"), "welcome");
  return { owner, eve, eveId, roomId, watcher, zombie };
}

const removals: [string, number, (s: Awaited<ReturnType<typeof setUp>>) => Promise<unknown>][] = [
  [
    "kicked",
    4410,
    (s) => call(`/api/rooms/${s.roomId}/kick`, s.owner, "POST", { userId: s.eveId }),
  ],
  [
    "banned",
    4403,
    (s) => call(`/api/rooms/${s.roomId}/bans`, s.owner, "POST", { userId: s.eveId }),
  ],
  ["left", 4405, (s) => call(`/api/me/rooms/${s.roomId}`, s.eve, "DELETE")],
  ["signed out", 4401, (s) => call("/api/auth/logout", s.eve, "POST", {})],
];

describe("a client that ignores the server's close frame", () => {
  for (const [what, code, remove] of removals) {
    it(`cannot post once ${what} (${code}), however long it keeps writing`, async () => {
      const s = await setUp();
      await remove(s);
      await until(() => s.zombie.closeCode() !== null, "close frame", 2000);
      expect(s.zombie.closeCode()).toBe(code);
      // Never answer the close; keep writing on the same connection for a while.
      for (let i = 0; i < 20; i++) {
        s.zombie.text(JSON.stringify({ type: "send", clientId: `zombie-${i}-xxxx`, text: "z" }));
        s.zombie.text(JSON.stringify({ type: "typing" }));
        await sleep(25);
      }
      s.watcher.text(JSON.stringify({ type: "send", clientId: "watcher-01", text: "marker" }));
      await until(
        () => s.watcher.texts().some((f) => f.type === "message" && f.message.text === "marker"),
        "the watcher's own message",
      );
      const seen = s.watcher.texts().filter((f) => f.type === "message" || f.type === "typing");
      expect(seen.map((f) => (f.type === "message" ? f.message.text : f.type))).toEqual(["marker"]);
      const page = (await (
        await call(`/api/rooms/${s.roomId}/messages`, s.owner, "GET")
      ).json()) as MessagesBody;
      expect(page.messages.map((m) => m.text)).toEqual(["marker"]);
      // The zombie got nothing back for its frames: no ack, no error.
      expect(s.zombie.texts().filter((f) => f.type === "ack")).toEqual([]);
      s.zombie.destroy();
      s.watcher.destroy();
    });
  }

  it("stores nothing sent in the burst behind the frame that earned 1008, and the close completes", async () => {
    const s = await setUp();
    for (let i = 0; i < 20; i++) s.zombie.text("{not json");
    for (let i = 0; i < 5; i++)
      s.zombie.text(JSON.stringify({ type: "send", clientId: `late-${i}-xxxx`, text: "late" }));
    await until(() => s.zombie.closeCode() !== null, "close frame", 2000);
    expect(s.zombie.closeCode()).toBe(1008);
    const answered = Date.now();
    s.zombie.close(1008);
    // Closed from within the socket's own event, the runtime ends TCP once the peer answers.
    await until(() => s.zombie.endedAt !== null, "TCP end after the closing handshake", 2000);
    expect((s.zombie.endedAt ?? 0) - answered).toBeLessThan(1000);
    const page = (await (
      await call(`/api/rooms/${s.roomId}/messages`, s.owner, "GET")
    ).json()) as MessagesBody;
    expect(page.messages).toEqual([]);
    s.watcher.destroy();
  });
});
