import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import type { Message, RoomEvent, SingleServerFrame } from "../../protocol";
import { RoomClient } from "../src/lib/realtime/client";
import { EarlySocket } from "../src/lib/realtime/early-socket";
import { reduceAll } from "../src/lib/realtime/reducer";
import {
  hydrate,
  isSnapshot,
  type RoomSnapshot,
  SNAPSHOT_MESSAGES,
  snapshotOf,
} from "../src/lib/realtime/snapshot";
import { initialState } from "../src/lib/realtime/state";
import {
  event,
  FakeSocket,
  fakeClockPerTest,
  memoryStorage,
  message,
  socketFactory,
  welcome,
} from "./fake-socket";

/** What a room does to its posts, in order; targets pick among the posts that exist then. */
type Op =
  | { kind: "post" }
  | { kind: "edit"; pick: number }
  | { kind: "delete"; pick: number }
  | { kind: "react"; pick: number; emoji: string; user: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ kind: "post" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("edit" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("react" as const),
      pick: fc.nat(),
      emoji: fc.constantFrom("👍", "🎉"),
      user: fc.constantFrom("u1", "u2"),
    }),
  },
);

/** The server: every event in seq order, and the posts as they stand after each seq. */
function playRoom(ops: Op[]) {
  const events: RoomEvent[] = [];
  const posts = new Map<number, Message>();
  const states: Message[][] = [[]];
  let seq = 0;
  for (const o of ops) {
    seq += 1;
    const live = [...posts.values()].filter((m) => !m.deleted);
    const target = live.length ? live[o.kind === "post" ? 0 : o.pick % live.length] : undefined;
    if (o.kind === "post" || !target) {
      const m = message(seq, { text: `post ${seq}` });
      posts.set(seq, m);
      events.push({ type: "message", seq, message: m });
    } else if (o.kind === "edit") {
      const text = `edited at ${seq}`;
      posts.set(target.seq, { ...target, text, editedAt: seq });
      events.push({ type: "edit", seq, target: target.seq, text, editedAt: seq });
    } else if (o.kind === "delete") {
      posts.set(target.seq, { ...target, text: "", deleted: true, reactions: [] });
      events.push({ type: "delete", seq, target: target.seq, by: target.author.id });
    } else {
      const has = target.reactions.some((r) => r.emoji === o.emoji && r.users.includes(o.user));
      const on = !has;
      const reactions = target.reactions
        .map((r) =>
          r.emoji === o.emoji
            ? { ...r, users: on ? [...r.users, o.user] : r.users.filter((u) => u !== o.user) }
            : r,
        )
        .filter((r) => r.users.length > 0);
      if (on && !reactions.some((r) => r.emoji === o.emoji))
        reactions.push({ emoji: o.emoji, users: [o.user] });
      posts.set(target.seq, { ...target, reactions });
      events.push({
        type: "reaction",
        seq,
        target: target.seq,
        emoji: o.emoji,
        userId: o.user,
        on,
      });
    }
    states.push([...posts.values()].sort((a, b) => a.seq - b.seq));
  }
  /** The welcome a fresh connection gets at `at` (the latest 50 posts). */
  const snapshotAt = (at: number) => {
    const all = states[at] ?? [];
    return welcome({ lastSeq: at, messages: all.slice(-50), hasMore: all.length > 50 });
  };
  return { events, states, snapshotAt, last: seq };
}

/** Sorted by seq, every stored post from the first one shown: no hole, nothing twice. */
function expectExact(shown: Message[], truth: Message[]) {
  const first = shown[0]?.seq ?? Number.POSITIVE_INFINITY;
  // Reactions are sets: compare them in one order.
  const norm = (ms: Message[]) =>
    ms.map((m) => ({
      ...m,
      reactions: m.reactions
        .map((r) => ({ ...r, users: [...r.users].sort() }))
        .sort((a, b) => a.emoji.localeCompare(b.emoji)),
    }));
  expect(norm(shown)).toEqual(norm(truth.filter((m) => m.seq >= first)));
}

fakeClockPerTest();

/** What a visit that saw `messages`, up to `lastSeq`, left in the cache. */
function cachedRoom(messages: Message[], lastSeq = messages.at(-1)?.seq ?? 0): RoomSnapshot {
  const snap = snapshotOf(
    "room-1",
    { ...initialState(), room: welcome().room, messages, lastSeq },
    0,
  );
  if (!snap) throw new Error("nothing to cache");
  return snap;
}

/** A client started from a cached copy, on fake sockets. */
function clientFrom(snapshot: RoomSnapshot | null) {
  const factory = socketFactory();
  const client = new RoomClient("room-1", {
    origin: "http://parley.test",
    openSocket: factory.open,
    snapshot,
    storage: memoryStorage(),
  });
  return { factory, client };
}

describe("room snapshots (the cache of a visited room)", () => {
  it("keeps the latest posts and says older ones exist", () => {
    const posts = Array.from({ length: SNAPSHOT_MESSAGES + 20 }, (_, i) => message(i + 1));
    const state = { ...initialState(), room: welcome().room, messages: posts, lastSeq: 170 };
    const snap = snapshotOf("room-1", state, 5);
    expect(snap?.messages).toHaveLength(SNAPSHOT_MESSAGES);
    expect(snap?.messages[0]?.seq).toBe(21);
    expect(snap?.hasMore).toBe(true);
    expect(snap?.lastSeq).toBe(170);
    // Nothing confirmed yet: nothing to keep.
    expect(snapshotOf("room-1", initialState(), 5)).toBeNull();
  });

  it("refuses values that are not a snapshot of this room", () => {
    const state = { ...initialState(), room: welcome().room, lastSeq: 3 };
    const snap = snapshotOf("room-1", state, 5);
    expect(isSnapshot(snap, "room-1")).toBe(true);
    expect(isSnapshot(snap, "room-2")).toBe(false);
    for (const junk of [null, undefined, 42, "x", {}, { ...snap, v: 2 }, { ...snap, messages: 1 }])
      expect(isSnapshot(junk, "room-1")).toBe(false);
  });

  it("a revisit shows the cached posts at once, then catches up exactly (any history, any cut)", () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 260 }),
        fc.nat(),
        fc.nat(),
        (ops, a, b) => {
          const room = playRoom(ops);
          // The first visit joined at `joined` and stayed until `left`.
          const left = a % (room.last + 1);
          const joined = b % (left + 1);
          let visit = reduceAll(initialState(), [room.snapshotAt(joined)], 0).state;
          visit = reduceAll(visit, room.events.slice(joined, left), 0).state;
          // The cache: a structured copy, as IndexedDB keeps it.
          const stored = JSON.parse(JSON.stringify(snapshotOf("room-1", visit, 0))) as RoomSnapshot;
          expect(isSnapshot(stored, "room-1")).toBe(true);

          const { factory, client } = clientFrom(stored);
          // Shown before any connection, exactly as cached.
          expectExact(client.getState().messages, room.states[left] ?? []);
          client.connect();
          const url = new URL(factory.last().url);
          expect(url.searchParams.get("since")).toBe(String(left));
          // The server replays what came after (it sends a snapshot only when that is too much).
          factory
            .last()
            .receive(
              { ...room.snapshotAt(room.last), mode: "catchup", messages: [], hasMore: false },
              ...(room.events.slice(left) as SingleServerFrame[]),
            );
          const state = client.getState();
          expect(state.lastSeq).toBe(room.last);
          expectExact(state.messages, room.states[room.last] ?? []);
          client.close();
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a snapshot welcome (the cache was too old for a replay) replaces the cached posts", () => {
    const { factory, client } = clientFrom(cachedRoom([message(1), message(2)]));
    client.connect();
    factory.last().receive(welcome({ messages: [message(900), message(901)], hasMore: true }));
    expect(client.getState().messages.map((m) => m.seq)).toEqual([900, 901]);
    expect(client.getState().hasMore).toBe(true);
  });

  it("posts the cache already holds leave the outbox; the rest stay pending", () => {
    const cached = cachedRoom([message(1, { clientId: "delivered-1" })]);
    const outbox = ["delivered-1", "waiting-2"].map((clientId) => ({
      clientId,
      text: clientId,
      replyTo: null,
      createdAt: 0,
      status: "pending" as const,
    }));
    expect(hydrate(cached, outbox).outbox.map((o) => o.clientId)).toEqual(["waiting-2"]);
  });

  it("a cached room that no longer admits us is asked about over HTTP, not retried forever", async () => {
    const fetch = vi.fn(async () => new Response(null, { status: 403 }));
    vi.stubGlobal("fetch", fetch);
    const { factory, client } = clientFrom(cachedRoom([message(1)]));
    client.connect();
    factory.last().close(1006); // the upgrade was refused
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(client.getState().connection.status).toBe("closed");
    vi.unstubAllGlobals();
  });
});

describe("the early socket (opened by the page's first script)", () => {
  it("keeps frames and the close until the client listens, then hands them over in order", async () => {
    const raw = new FakeSocket("ws://parley.test/api/rooms/room-1/ws?batch=1");
    const early = new EarlySocket(raw.url, raw);
    raw.receive(welcome({ messages: [message(1)] }), event(message(2)));
    const got: string[] = [];
    early.onmessage = (e) => got.push(String(e.data));
    expect(got).toEqual([]); // not before the close handler is there too
    early.onclose = (e) => got.push(`close ${e.code}`);
    await Promise.resolve();
    raw.receive(event(message(3)));
    raw.close(1006);
    expect(got.map((g) => (g.startsWith("{") ? JSON.parse(g).type : g))).toEqual([
      "welcome",
      "message",
      "message",
      "close 1006",
    ]);
  });

  it("is taken over once, only while open, and only when it asked for what the client would", () => {
    const cached = cachedRoom([message(7)]);
    const open = (since: number) => {
      const url = `http://parley.test/api/rooms/room-1/ws?since=${since}&batch=1`.replace(
        "http",
        "ws",
      );
      return new EarlySocket(url, new FakeSocket(url));
    };
    const right = open(7);
    const first = clientFrom(cached);
    first.client.connect(right);
    expect(first.factory.sockets).toHaveLength(0); // taken over: no second socket
    expect(right.take()).toBe(false); // and only once

    const stale = open(5); // the cache moved on since the page opened it
    const second = clientFrom(cached);
    second.client.connect(stale);
    expect(second.factory.sockets).toHaveLength(1);
    expect(new URL(second.factory.last().url).searchParams.get("since")).toBe("7");
    expect(stale.readyState).toBe(3); // closed, not leaked
  });
});
