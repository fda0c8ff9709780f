import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { MessagesBody } from "../protocol";
import { type LocalServer, ROOT, startServer } from "../scripts/local-server.ts";
import { ANA, BEN, call, PASSWORD, signIn, snapshot } from "./fixtures/old-state.ts";

// Local storage written by the version before room lists had their own class (one `User` class
// held identities and `rooms:<id>` lists), made by e2e/fixtures/make-old-state.ts.
const FIXTURE = join(ROOT, "e2e/fixtures/old-state");
const before = JSON.parse(readFileSync(join(FIXTURE, "seen.json"), "utf8")) as {
  seen: Awaited<ReturnType<typeof snapshot>>;
};

let server: LocalServer | undefined;
const state = mkdtempSync(join(tmpdir(), "parley-old-data-"));
afterAll(async () => {
  await server?.stop();
  rmSync(state, { recursive: true, force: true });
});

describe("a local database from the previous version", () => {
  it("opens with its accounts, room lists, read markers and DMs as they were, and keeps them", async () => {
    rmSync(state, { recursive: true, force: true });
    cpSync(FIXTURE, state, { recursive: true, filter: (src) => !src.endsWith(".json") });
    await server?.stop(); // a retry must not leave the first attempt's server running
    server = await startServer({ persistTo: state });
    expect(await snapshot(server.url)).toEqual(before.seen);

    // The identity records moved too: Ben finds Ana by id, in the same conversation.
    const ana = await signIn(server.url, "/api/auth/login", { ...ANA, password: PASSWORD });
    const ben = await signIn(server.url, "/api/auth/login", { ...BEN, password: PASSWORD });
    const dm = (await (
      await call(server.url, "/api/dm", { userId: ana.id }, ben.cookie)
    ).json()) as { room: { id: string } };
    const anasRooms = before.seen[ANA.username]?.rooms ?? [];
    expect(dm.room.id).toBe(anasRooms.find((r) => r.dmWith?.id === ben.id)?.id);
    const roomId = anasRooms.find((r) => r.lastSeq === 4)?.id;
    const page = (await (
      await call(server.url, `/api/rooms/${roomId}/messages`, undefined, ana.cookie)
    ).json()) as MessagesBody;
    expect(page.messages.map((m) => m.text)).toEqual(["one", "two", "three", "four"]);

    // Copied for good: the same after a restart on the same storage.
    await server.stop();
    server = await startServer({ persistTo: state });
    expect(await snapshot(server.url)).toEqual(before.seen);
  });
});
