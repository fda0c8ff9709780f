import { env } from "cloudflare:workers";
import { nanoid } from "nanoid";
import { describe, expect, it } from "vitest";
import type { DirectoryBody, DirectorySort } from "../../protocol";
import type { RoomReport } from "../lobby/store";
import { api, createRoom, guest, json } from "./helpers";

/** A lobby of its own per test, so listings hold only what the test put there. */
function freshLobby() {
  return env.LOBBY.get(env.LOBBY.idFromName(`test-${nanoid()}`));
}

function report(over: Partial<RoomReport> & { id: string }): RoomReport {
  return {
    name: over.id,
    topic: "",
    visibility: "public",
    online: 0,
    messageCount: 0,
    lastActivity: 1000,
    createdAt: 1000,
    at: 1000,
    ...over,
  };
}

function page(sort: DirectorySort, cursor: string | null = null, limit = 10, q = "") {
  return { q, sort, cursor, limit };
}

describe("lobby directory (RPC)", () => {
  it("sorts by last activity or by online count, newest and busiest first", async () => {
    const lobby = freshLobby();
    await lobby.report(report({ id: "room-aaa", lastActivity: 3000, online: 1 }));
    await lobby.report(report({ id: "room-bbb", lastActivity: 1000, online: 9 }));
    await lobby.report(report({ id: "room-ccc", lastActivity: 2000, online: 4 }));

    const byActivity = await lobby.list(page("activity"));
    expect(byActivity.rooms.map((r) => r.id)).toEqual(["room-aaa", "room-ccc", "room-bbb"]);
    const byOnline = await lobby.list(page("online"));
    expect(byOnline.rooms.map((r) => r.id)).toEqual(["room-bbb", "room-ccc", "room-aaa"]);
    expect(byOnline.nextCursor).toBeNull();
  });

  it("filters by a case-insensitive part of the name", async () => {
    const lobby = freshLobby();
    await lobby.report(report({ id: "room-ts1", name: "TypeScript fans" }));
    await lobby.report(report({ id: "room-rs1", name: "Rustaceans" }));
    await lobby.report(report({ id: "room-ts2", name: "typescript help" }));
    await lobby.report(report({ id: "room-pc1", name: "100% cotton" }));

    const found = await lobby.list(page("activity", null, 10, "SCRIPT"));
    expect(found.rooms.map((r) => r.name).sort()).toEqual(["TypeScript fans", "typescript help"]);
    // Characters that are wildcards in SQL LIKE match only themselves.
    const percent = await lobby.list(page("activity", null, 10, "%"));
    expect(percent.rooms.map((r) => r.name)).toEqual(["100% cotton"]);
  });

  for (const sort of ["activity", "online"] as const) {
    it(`pages through every room exactly once (${sort})`, async () => {
      const lobby = freshLobby();
      const ids: string[] = [];
      for (let i = 0; i < 23; i++) {
        const id = `room-p${String(i).padStart(3, "0")}`;
        ids.push(id);
        // Many ties, so the id tie-break is what keeps pages apart.
        await lobby.report(report({ id, lastActivity: 1000 + (i % 4), online: i % 3 }));
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const body: DirectoryBody = await lobby.list(page(sort, cursor, 5));
        expect(body.rooms.length).toBeLessThanOrEqual(5);
        seen.push(...body.rooms.map((r) => r.id));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor !== null);
      expect(pages).toBe(5);
      expect(seen).toHaveLength(23);
      expect([...seen].sort()).toEqual(ids);
    });
  }

  it("drops a room that turns private and ignores a report older than the one it has", async () => {
    const lobby = freshLobby();
    await lobby.report(report({ id: "room-new", online: 5, at: 2000 }));
    await lobby.report(report({ id: "room-new", online: 1, at: 1500 }));
    expect((await lobby.list(page("activity"))).rooms[0]?.online).toBe(5);

    await lobby.report(report({ id: "room-new", visibility: "private", at: 3000 }));
    expect((await lobby.list(page("activity"))).rooms).toEqual([]);
  });
});

describe("GET /api/rooms", () => {
  it("lists a new public room at once and never a private one", async () => {
    const ana = await guest("Ana");
    const tag = nanoid(8).replace(/[-_]/g, "x");
    const publicId = await createRoom(ana.cookie, `Open ${tag}`);
    const res = await api(
      "/api/rooms",
      json({ name: `Hidden ${tag}`, visibility: "private" }, ana.cookie),
    );
    expect(res.status).toBe(201);

    const listed = await api(`/api/rooms?q=${tag}`);
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as DirectoryBody;
    expect(body.rooms).toEqual([
      expect.objectContaining({ id: publicId, name: `Open ${tag}`, online: 0, messageCount: 0 }),
    ]);
  });

  it("is readable without a session", async () => {
    const res = await api("/api/rooms?sort=online&limit=5");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ rooms: expect.any(Array) });
  });

  it("answers 400 with a readable message for bad paging input", async () => {
    for (const qs of ["limit=0", "limit=101", "limit=abc", "sort=name", "cursor=nope"]) {
      const res = await api(`/api/rooms?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "bad_request" } });
    }
    const mismatched = await api("/api/rooms?sort=online&cursor=1000.room-abc");
    expect(mismatched.status).toBe(400);
    expect(await mismatched.json()).toMatchObject({
      error: { fields: { cursor: "This cursor belongs to another sort order" } },
    });
  });
});
