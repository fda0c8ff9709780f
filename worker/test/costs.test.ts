import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LIMITS, PING_FRAME } from "../../protocol";
import type { RoomAlarms } from "../room/alarms";
import { LOBBY_HEARTBEAT_MS, LOBBY_REPORT_TASK } from "../room/lobby-report";
import type { Timeline } from "../room/timeline";
import { MY_ROOMS_POLL_MS } from "../room-list/store";
import { roomStub } from "../stubs";
import {
  type Counts,
  counts,
  installMeter,
  raw,
  requests,
  reset,
  uninstallMeter,
} from "./cost-meter";
import { api, connect, createRoom, guest } from "./helpers";

/**
 * What each user action costs in billed units (docs/DEPLOY.md, "Costs you can predict", is
 * derived from these numbers). Each test measures one action with the meter in cost-meter.ts,
 * prints it as a `cost:` JSON line, and holds it to an upper bound, so a change that makes an
 * action cost more fails here and has to update the bound and the cost table together.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Long enough for the room's debounced chores (lobby report 2 s, search index 5 s) to run. */
const CHORES_MS = 6_000;

beforeAll(installMeter);
afterAll(uninstallMeter);

function report(action: string, c: Counts, extra: Record<string, number> = {}) {
  const line = { action, requests: requests(c), ...c, ...extra };
  console.log(`cost: ${JSON.stringify(line)}`);
  return line;
}

/** A public room with Ana and Ben connected and every chore of the joins done. */
async function busyRoom() {
  const ana = await guest("Ana");
  const ben = await guest("Ben");
  const roomId = await createRoom(ana.cookie);
  const a = await connect(roomId, ana.cookie);
  const b = await connect(roomId, ben.cookie);
  await sleep(CHORES_MS);
  return { ana, ben, roomId, a, b };
}

it("a socket join: the upgrade, the room list entry and one directory report", async () => {
  const ana = await guest("Ana");
  const roomId = await createRoom(ana.cookie);
  await sleep(CHORES_MS);
  const ben = await guest("Ben");
  reset();
  await connect(roomId, ben.cookie);
  await sleep(CHORES_MS);
  const c = report("join", counts());
  // The session check, the upgrade, the room list entry, the directory report and its alarm.
  expect(c.calls).toEqual({ checkSession: 1, fetch: 1, rememberRoom: 1, report: 1 });
  expect(requests(c)).toBeLessThanOrEqual(5);
  expect(c.rowsWritten).toBeLessThanOrEqual(20);
});

it("a message: a few rows on the hot path; indexing and the directory report follow", async () => {
  const { a, b } = await busyRoom();
  reset();
  a.send({ type: "send", clientId: "cost-one-0001", text: "hello there" });
  await b.next("message", (m) => m.message.clientId === "cost-one-0001");
  // The INSERT, and scheduling the chores (the first message after a quiet spell).
  const hot = counts();
  await sleep(CHORES_MS);
  const c = report("message", counts(), { hotPathRowsWritten: hot.rowsWritten });
  expect(hot.rowsWritten).toBeLessThanOrEqual(6);
  // The socket frame itself is billed as 1/20 request (counted in the model, not here).
  expect(c.calls).toEqual({ report: 1 });
  expect(requests(c)).toBeLessThanOrEqual(3);
  expect(c.rowsWritten).toBeLessThanOrEqual(20);
});

it("a burst of messages shares the chores: ten messages cost far less than ten alone", async () => {
  const { a, b } = await busyRoom();
  reset();
  for (let i = 0; i < 10; i++)
    a.send({ type: "send", clientId: `cost-burst-${i}`, text: `m ${i}` });
  await b.next("message", (m) => m.message.clientId === "cost-burst-9");
  await sleep(CHORES_MS);
  const c = report("burst of 10 messages", counts());
  expect(requests(c)).toBeLessThanOrEqual(4);
  expect(c.rowsWritten).toBeLessThanOrEqual(50);
});

it("a keep-alive ping costs no request inside the room and writes nothing", async () => {
  const { a } = await busyRoom();
  reset();
  a.ws.send(PING_FRAME);
  await a.next("pong");
  const c = report("ping", counts());
  expect(requests(c)).toBe(0);
  expect(c.rowsWritten).toBe(0);
});

it("a poll of GET /api/me/rooms: one call to the user's list plus one per room on it", async () => {
  const ana = await guest("Ana");
  const ids = [await createRoom(ana.cookie), await createRoom(ana.cookie)];
  ids.push(await createRoom(ana.cookie));
  for (const id of ids) (await connect(id, ana.cookie)).ws.close(1000);
  await sleep(CHORES_MS);
  reset();
  const res = await api("/api/me/rooms", { headers: { cookie: ana.cookie } });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { rooms: unknown[] }).rooms).toHaveLength(3);
  const c = report("poll with 3 rooms", counts(), { rooms: 3, pollMs: MY_ROOMS_POLL_MS });
  expect(c.calls).toEqual({ checkSession: 1, myRooms: 1, unread: 3 });
  // The user's last-seen time: at most one row per poll interval.
  expect(c.rowsWritten).toBeLessThanOrEqual(1);
});

it("an HTTP request about a room makes one call to it: access checked in the same call", async () => {
  const ana = await guest("Ana");
  const roomId = await createRoom(ana.cookie);
  (await connect(roomId, ana.cookie)).ws.close(1000);
  await sleep(CHORES_MS);
  const headers = { cookie: ana.cookie, "content-type": "application/json" };
  const cases: [string, string, RequestInit, Record<string, number>][] = [
    ["room", `/api/rooms/${roomId}`, {}, { describe: 1 }],
    ["history page", `/api/rooms/${roomId}/messages?limit=5`, {}, { history: 1 }],
    ["search page", `/api/rooms/${roomId}/search?q=hello`, {}, { search: 1 }],
    [
      "rename and new invite",
      `/api/rooms/${roomId}`,
      { method: "PATCH", body: JSON.stringify({ name: "Renamed", rotateInvite: true }) },
      { change: 1 },
    ],
    // The room clamps the marker, then records it in Ana's list.
    [
      "mark read",
      `/api/me/rooms/${roomId}/read`,
      { method: "POST", body: JSON.stringify({ seq: 99 }) },
      { markRead: 2 },
    ],
    [
      "create a private room",
      "/api/rooms",
      { method: "POST", body: JSON.stringify({ name: "Hidden", visibility: "private" }) },
      { create: 1 },
    ],
  ];
  for (const [action, path, init, calls] of cases) {
    reset();
    const res = await api(path, { ...init, headers });
    expect(res.status, action).toBeLessThan(300);
    const c = report(action, counts());
    expect(c.calls, action).toEqual({ checkSession: 1, ...calls });
  }
});

it("an idle hour of an occupied room: a sweep a minute and a directory heartbeat", async () => {
  const { roomId } = await busyRoom();
  const stub = raw(roomStub(env, roomId));
  const alarmsOf = (room: unknown) => (room as { alarms: RoomAlarms }).alarms;

  // One sweep, run when it is due (as the alarm would), and the interval it schedules next.
  reset();
  const sweep = await runInDurableObject(stub, async (room) => {
    const alarms = alarmsOf(room);
    const due = alarms.dueAt("sweep");
    if (due === null) throw new Error("no sweep scheduled in an occupied room");
    await alarms.run(due);
    return { next: (alarms.dueAt("sweep") ?? 0) - Date.now() };
  });
  const perSweep = report("sweep alarm", counts(), { alarms: 1, nextInMs: sweep.next });
  expect(sweep.next).toBeGreaterThan(LIMITS.staleSocketMs / 2 - 5_000);
  expect(sweep.next).toBeLessThanOrEqual(LIMITS.staleSocketMs / 2);
  expect(requests(perSweep)).toBe(0);
  expect(perSweep.rowsWritten).toBeLessThanOrEqual(3);

  // The heartbeat, due LOBBY_HEARTBEAT_MS after the last report. Run alone: a sweep run at
  // that simulated time would find every socket silent for minutes and close them.
  const beat = await runInDurableObject(stub, async (room) => {
    const alarms = alarmsOf(room);
    const due = alarms.dueAt(LOBBY_REPORT_TASK);
    if (due === null) throw new Error("no heartbeat scheduled in an occupied room");
    alarms.cancel("sweep");
    reset();
    await alarms.run(due);
    const measured = counts();
    alarms.schedule("sweep", Date.now() + LIMITS.staleSocketMs / 2);
    return { interval: (alarms.dueAt(LOBBY_REPORT_TASK) ?? 0) - due, measured };
  });
  const perBeat = report("heartbeat alarm", beat.measured, { alarms: 1 });
  expect(beat.interval).toBe(LOBBY_HEARTBEAT_MS);
  expect(perBeat.calls).toEqual({ report: 1 });
  expect(perBeat.rowsWritten).toBeLessThanOrEqual(8);

  const sweepsPerHour = 3_600_000 / (LIMITS.staleSocketMs / 2);
  const beatsPerHour = 3_600_000 / LOBBY_HEARTBEAT_MS;
  const hour = {
    alarms: sweepsPerHour + beatsPerHour,
    calls: beatsPerHour,
    rowsWritten: sweepsPerHour * perSweep.rowsWritten + beatsPerHour * perBeat.rowsWritten,
  };
  console.log(`cost: ${JSON.stringify({ action: "idle occupied hour", ...hour })}`);
  expect(hour.alarms + hour.calls).toBeLessThanOrEqual(72);
  expect(hour.rowsWritten).toBeLessThanOrEqual(240);
});

it("storage: bytes a stored message adds to a room, search index included", async () => {
  const ana = await guest("Ana");
  const roomId = await createRoom(ana.cookie);
  const n = 1000;
  const bytes = await runInDurableObject(raw(roomStub(env, roomId)), (room, state) => {
    const timeline = (room as unknown as { timeline: Timeline }).timeline;
    const before = state.storage.sql.databaseSize;
    const author = { id: "u1", name: "Ana", color: "#336699", guest: true };
    for (let i = 0; i < n; i++) {
      // 100 characters: a typical chat line is shorter.
      const text = `message ${i} `.padEnd(100, "lorem ipsum dolor sit amet ");
      timeline.insertMessage({
        clientId: `size-${i}`,
        author,
        text,
        replyTo: null,
        now: Date.now(),
      });
    }
    while (timeline.search.indexPending()) {}
    return (state.storage.sql.databaseSize - before) / n;
  });
  console.log(`cost: ${JSON.stringify({ action: "stored message", bytes: Math.round(bytes) })}`);
  expect(bytes).toBeGreaterThan(100);
  expect(bytes).toBeLessThanOrEqual(1024);
});
