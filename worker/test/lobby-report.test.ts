import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { nanoid } from "nanoid";
import { describe, expect, it } from "vitest";
import { ONLINE_EXPIRY_MS } from "../lobby";
import {
  LOBBY_HEARTBEAT_MS,
  LOBBY_REPORT_INTERVAL_MS,
  LobbyReporter,
  type RoomSnapshot,
} from "../room-lobby-report";
import { lobbyStub } from "../stubs";

function snapshot(over: Partial<RoomSnapshot> = {}): RoomSnapshot {
  const id = over.id ?? `rep-${nanoid(10)}`;
  return {
    id,
    name: `Report ${id}`,
    topic: "",
    visibility: "public",
    online: 1,
    messageCount: 0,
    lastActivity: 1000,
    createdAt: 1000,
    ...over,
  };
}

/** Runs `fn` with a reporter on the storage of a throwaway object and a recorded schedule. */
async function withReporter(fn: (r: LobbyReporter, scheduled: number[]) => Promise<void>) {
  const stub = env.LOBBY.get(env.LOBBY.idFromName(`storage-${nanoid()}`));
  await runInDurableObject(stub, async (_obj, state) => {
    const scheduled: number[] = [];
    await fn(new LobbyReporter(state.storage, env, (at) => scheduled.push(at)), scheduled);
  });
}

describe("room → lobby reports (debounce)", () => {
  it("schedules one report for any number of changes within an interval", async () => {
    await withReporter(async (reporter, scheduled) => {
      const t0 = 1_000_000;
      for (let i = 0; i < 1000; i++) reporter.changed(t0 + i);
      // Idle room: the first change is reported at once (leading edge), the rest coalesce.
      expect(scheduled).toEqual([t0]);
    });
  });

  it("reports at most once per interval under a steady stream and skips unchanged snapshots", async () => {
    await withReporter(async (reporter, scheduled) => {
      const snap = snapshot();
      const t0 = Date.now();
      reporter.changed(t0);
      await reporter.send(snap, t0);
      expect(await lobbyStub(env).writes(snap.id)).toBe(1);

      // A change right after a report waits for the interval to end.
      reporter.changed(t0 + 10);
      expect(scheduled.at(-1)).toBe(t0 + LOBBY_REPORT_INTERVAL_MS);
      await reporter.send({ ...snap, messageCount: 7 }, t0 + LOBBY_REPORT_INTERVAL_MS);
      expect(await lobbyStub(env).writes(snap.id)).toBe(2);

      // Nothing the directory shows changed: no write.
      reporter.changed(t0 + 3 * LOBBY_REPORT_INTERVAL_MS);
      await reporter.send({ ...snap, messageCount: 7 }, t0 + 3 * LOBBY_REPORT_INTERVAL_MS);
      expect(await lobbyStub(env).writes(snap.id)).toBe(2);
    });
  });

  it("keeps a heartbeat while someone is online, and none for an empty room", async () => {
    await withReporter(async (reporter, scheduled) => {
      const t0 = Date.now();
      reporter.changed(t0);
      await reporter.send(snapshot({ online: 2 }), t0);
      expect(scheduled.at(-1)).toBe(t0 + LOBBY_HEARTBEAT_MS);

      const count = scheduled.length;
      reporter.changed(t0 + LOBBY_REPORT_INTERVAL_MS);
      await reporter.send(snapshot({ online: 0 }), t0 + LOBBY_REPORT_INTERVAL_MS);
      expect(scheduled.length).toBe(count + 1); // the change's report, no new heartbeat
    });
  });
});

describe("lobby online expiry", () => {
  it("zeroes the online count of a room that stopped reporting, keeps a live one", async () => {
    const lobby = env.LOBBY.get(env.LOBBY.idFromName(`expiry-${nanoid()}`));
    const now = Date.now();
    const lost = snapshot({ online: 4 });
    const live = snapshot({ online: 3 });
    await lobby.report({ ...lost, at: now - ONLINE_EXPIRY_MS - 1000 });
    await lobby.report({ ...live, at: now });
    expect(await runDurableObjectAlarm(lobby)).toBe(true);

    const { rooms } = await lobby.list({ q: "", sort: "online", cursor: null, limit: 10 });
    expect(Object.fromEntries(rooms.map((r) => [r.id, r.online]))).toEqual({
      [lost.id]: 0,
      [live.id]: 3,
    });
  });
});
