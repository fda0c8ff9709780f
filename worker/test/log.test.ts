import { afterEach, expect, it, vi } from "vitest";
import { CLOSE_KICKED, CLOSE_POLICY, LIMITS } from "../../protocol";
import { LogAggregator } from "../log";
import { CLOSES_LOGGED_EACH } from "../room/room-log";
import { post } from "./auth-helpers";
import { api, connect, createRoom, guest, json } from "./helpers";

/** Every line the code under test writes, parsed (all of them are JSON). */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  for (const level of ["log", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      const text = args.map(String).join(" ");
      raw.push(text);
      lines.push(JSON.parse(text) as Record<string, unknown>);
    });
  }
  return { lines, raw };
}

/** Waits until `pred` holds (the room logs after the test's own call returned). */
async function until(pred: () => boolean, what: string) {
  for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!pred()) throw new Error(`timed out waiting for ${what}`);
}

const closes = (lines: Record<string, unknown>[]) =>
  lines.filter((l) => l.event === "socket_close");

afterEach(() => {
  vi.restoreAllMocks();
});

it("aggregates a flood of refusals into one line per scope per window", () => {
  const { lines } = capture();
  const agg = new LogAggregator("rate_limited", { windowMs: 60_000 });
  const t = 1_000_000;
  for (let i = 0; i < 5000; i++) agg.hit("auth", { scope: "auth" }, t + i);
  agg.hit("rooms", { scope: "rooms" }, t + 10);
  expect(lines).toEqual([
    { level: "warn", event: "rate_limited", scope: "auth", count: 1 },
    { level: "warn", event: "rate_limited", scope: "rooms", count: 1 },
  ]);
  agg.hit("auth", { scope: "auth" }, t + 60_000); // the next window: the rest of the last one, then a fresh first
  expect(lines.slice(2)).toEqual([
    { level: "warn", event: "rate_limited", scope: "auth", count: 4999, windowMs: 60_000 },
    { level: "warn", event: "rate_limited", scope: "auth", count: 1 },
  ]);
});

it("logs a socket upgrade with its request id, room and status, and nothing a user wrote", async () => {
  const ana = await guest("Ana Secretname");
  const roomId = await createRoom(ana.cookie);
  const { lines, raw } = capture();
  const socket = await connect(roomId, ana.cookie);
  socket.send({ type: "send", clientId: "log-test-0001", text: "a very private sentence" });
  await socket.next("ack");
  const upgrade = lines.find((l) => l.event === "socket_upgrade");
  expect(upgrade).toMatchObject({ level: "info", room: roomId, status: 101 });
  expect(upgrade?.rid).toMatch(/^[\w-]{8,}$/);
  const all = raw.join("\n");
  expect(all).not.toContain("private sentence");
  expect(all).not.toContain("Secretname");
  expect(all).not.toContain(ana.cookie.split("=")[1]);
});

it("logs HTTP rate-limit refusals once, not once per refused request", async () => {
  const ip = "203.0.113.77";
  for (let i = 0; i < 60; i++) await post("/api/auth/guest", { name: `G${i}` }, { ip });
  const { lines } = capture();
  for (let i = 0; i < 20; i++) {
    const res = await post("/api/auth/guest", { name: "Late" }, { ip });
    expect(res.status).toBe(429);
  }
  const refusals = lines.filter((l) => l.event === "rate_limited");
  expect(refusals).toHaveLength(1); // the first of this window; the other 19 are only counted
  expect(refusals.every((l) => l.level === "warn" && l.scope === "auth")).toBe(true);
});

it("logs the first few events of a key one by one, then counts the rest", () => {
  const { lines } = capture();
  const agg = new LogAggregator("socket_close", { level: "info", windowMs: 60_000, burst: 3 });
  const t = 2_000_000;
  for (let i = 0; i < 5; i++) agg.hit("client:1000", { room: "r1", code: 1000 }, t + i);
  expect(lines).toEqual(
    Array(3).fill({ level: "info", event: "socket_close", room: "r1", code: 1000, count: 1 }),
  );
  agg.hit("client:1000", { room: "r1", code: 1000 }, t + 60_000);
  expect(lines.slice(3)).toEqual([
    { level: "info", event: "socket_close", room: "r1", code: 1000, count: 2, windowMs: 60_000 },
    { level: "info", event: "socket_close", room: "r1", code: 1000, count: 1 },
  ]);
});

it("logs each socket close once, with its code and who ended it, and not the client's reason", async () => {
  const ana = await guest("Ana");
  const ben = await guest("Ben");
  const roomId = await createRoom(ana.cookie);
  const a = await connect(roomId, ana.cookie);
  const b = await connect(roomId, ben.cookie);
  const { lines, raw } = capture();

  // The room closes Ben's socket; Ben's side answers the close, which must not log again.
  const kick = await api(`/api/rooms/${roomId}/kick`, json({ userId: ben.me.id }, ana.cookie));
  expect(kick.status).toBe(200);
  await until(() => b.closed !== null, "the kick's close");
  a.ws.close(1000, "a private goodbye");
  await until(() => closes(lines).length >= 2, "both close lines");
  await new Promise((r) => setTimeout(r, 100));

  expect(closes(lines)).toEqual([
    {
      level: "info",
      event: "socket_close",
      room: roomId,
      code: CLOSE_KICKED,
      by: "room",
      count: 1,
    },
    { level: "info", event: "socket_close", room: roomId, code: 1000, by: "client", count: 1 },
  ]);
  expect(raw.join("\n")).not.toContain("private goodbye");
});

it("logs a room emptying at once as a few lines, not one per socket", async () => {
  const ana = await guest("Ana");
  const roomId = await createRoom(ana.cookie);
  const n = CLOSES_LOGGED_EACH + 5;
  const sockets = await Promise.all(Array.from({ length: n }, () => connect(roomId, ana.cookie)));
  const { lines } = capture();
  // "Log out everywhere" closes all of Ana's sockets in the room at once.
  const out = await api("/api/auth/logout", json({ everywhere: true }, ana.cookie));
  expect(out.status).toBe(200);
  await until(() => sockets.every((s) => s.closed !== null), "every close");
  await new Promise((r) => setTimeout(r, 100));
  const logged = closes(lines);
  expect(logged).toHaveLength(CLOSES_LOGGED_EACH); // the other 5 are counted, not written
  expect(logged.every((l) => l.room === roomId && l.by === "room" && l.count === 1)).toBe(true);
});

it("logs frames the room refuses for rate once per window, and the policy close they earn", async () => {
  const ana = await guest("Ana");
  const roomId = await createRoom(ana.cookie);
  const a = await connect(roomId, ana.cookie);
  const { lines, raw } = capture();
  // A client that ignores every retryAfter: limited, then closed for policy.
  const n = LIMITS.sendBurst + LIMITS.maxViolations + 10;
  for (let i = 0; i < n; i++)
    a.send({ type: "send", clientId: `flood-${String(i).padStart(4, "0")}`, text: "flood text" });
  await until(() => a.closed !== null, "the policy close");
  await new Promise((r) => setTimeout(r, 100));
  const refusals = lines.filter((l) => l.event === "rate_limited");
  expect(refusals).toEqual([
    {
      level: "warn",
      event: "rate_limited",
      scope: "room",
      room: roomId,
      budget: "sender",
      count: 1,
    },
  ]);
  expect(closes(lines)).toEqual([
    {
      level: "info",
      event: "socket_close",
      room: roomId,
      code: CLOSE_POLICY,
      by: "room",
      count: 1,
    },
  ]);
  expect(raw.join("\n")).not.toContain("flood text");
});
