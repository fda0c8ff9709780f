import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { nanoid } from "nanoid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ONLINE_EXPIRY_MS } from "../lobby/lobby";
import {
  LOBBY_HEARTBEAT_MS,
  LOBBY_REPORT_INTERVAL_MS,
  LobbyReporter,
  type RoomSnapshot,
} from "../room/lobby-report";
import { lobbyStub } from "../stubs";
import { counts, installMeter, raw, reset, uninstallMeter } from "./cost-meter";

beforeAll(installMeter);
afterAll(uninstallMeter);

/** Reports the Lobby received since the last reset(). */
const reports = () => counts().calls.report ?? 0;

/** Whether the directory lists the room of `snap`. */
async function listed(snap: RoomSnapshot): Promise<boolean> {
  const page = await lobbyStub(env).list({
    q: snap.name,
    sort: "activity",
    cursor: null,
    limit: 1,
  });
  return page.rooms[0]?.id === snap.id;
}

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

/** The alarm multiplexer's contract for one job: a pending time only ever moves earlier. */
class OneJobAlarm {
  pending: number | null = null;
  /** Every time the pending time was set (moved): what the multiplexer would write. */
  readonly writes: number[] = [];
  schedule = (at: number) => {
    if (this.pending !== null && this.pending <= at) return;
    this.pending = at;
    this.writes.push(at);
  };
  /** The job runs: it is no longer pending. */
  fire(): number | null {
    const at = this.pending;
    this.pending = null;
    return at;
  }
}

/** Runs `fn` with a reporter on the storage of a throwaway object. */
async function withReporter(fn: (r: LobbyReporter, alarm: OneJobAlarm) => Promise<void>) {
  const stub = raw(env.LOBBY.get(env.LOBBY.idFromName(`storage-${nanoid()}`)));
  await runInDurableObject(stub, async (_obj, state) => {
    const alarm = new OneJobAlarm();
    await fn(new LobbyReporter(state.storage, env, alarm.schedule), alarm);
  });
}

describe("room → lobby reports (debounce)", () => {
  it("asks for one report for any number of changes within an interval", async () => {
    await withReporter(async (reporter, alarm) => {
      const t0 = 1_000_000;
      for (let i = 0; i < 1000; i++) reporter.changed(t0 + i);
      // Idle room: the first change is reported at once (leading edge), the rest coalesce.
      expect(alarm.writes).toEqual([t0]);
    });
  });

  it("reports at most once per interval under a steady stream and skips unchanged snapshots", async () => {
    await withReporter(async (reporter, alarm) => {
      const snap = snapshot({ online: 0 });
      const t0 = Date.now();
      reset();
      reporter.changed(t0);
      expect(alarm.fire()).toBe(t0);
      await reporter.send(snap, t0);
      expect(reports()).toBe(1);

      // A change right after a report waits for the interval to end.
      reporter.changed(t0 + 10);
      reporter.changed(t0 + 20);
      expect(alarm.fire()).toBe(t0 + LOBBY_REPORT_INTERVAL_MS);
      await reporter.send({ ...snap, messageCount: 7 }, t0 + LOBBY_REPORT_INTERVAL_MS);
      expect(reports()).toBe(2);

      // Nothing the directory shows changed: no write.
      reporter.changed(t0 + 3 * LOBBY_REPORT_INTERVAL_MS);
      await reporter.send({ ...snap, messageCount: 7 }, t0 + 3 * LOBBY_REPORT_INTERVAL_MS);
      expect(reports()).toBe(2);
    });
  });

  it("keeps a heartbeat while someone is online that a change overrides, none for an empty room", async () => {
    await withReporter(async (reporter, alarm) => {
      const t0 = Date.now();
      const snap = snapshot({ online: 2 });
      reporter.changed(t0);
      alarm.fire();
      await reporter.send(snap, t0);
      expect(alarm.pending).toBe(t0 + LOBBY_HEARTBEAT_MS);

      reporter.changed(t0 + 5);
      expect(alarm.fire()).toBe(t0 + LOBBY_REPORT_INTERVAL_MS);
      await reporter.send({ ...snap, online: 0 }, t0 + LOBBY_REPORT_INTERVAL_MS);
      expect(alarm.pending).toBeNull();
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
    expect(await runDurableObjectAlarm(raw(lobby))).toBe(true);

    const { rooms } = await lobby.list({ q: "", sort: "online", cursor: null, limit: 10 });
    expect(Object.fromEntries(rooms.map((r) => [r.id, r.online]))).toEqual({
      [lost.id]: 0,
      [live.id]: 3,
    });
  });
});

describe("private rooms and the lobby", () => {
  it("a private room never reports; a listed room that turns private is taken off", async () => {
    await withReporter(async (reporter, alarm) => {
      const t0 = Date.now();
      const secret = snapshot({ visibility: "private", online: 3 });
      reset();
      reporter.changed(t0);
      alarm.fire();
      await reporter.send(secret, t0);
      // Nothing sent, and no heartbeat either.
      expect(reports()).toBe(0);
      expect(alarm.pending).toBeNull();

      const open = snapshot({ online: 0 });
      await reporter.send(open, t0 + 1);
      expect(await listed(open)).toBe(true);
      await reporter.send({ ...open, visibility: "private" }, t0 + 2);
      expect(await listed(open)).toBe(false);
    });
  });
});
