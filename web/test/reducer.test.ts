import { describe, expect, it } from "vitest";
import type { SingleServerFrame } from "../../protocol";
import { reduce, reduceAll } from "../src/lib/realtime/reducer";
import { initialState, type Outgoing, type RoomState } from "../src/lib/realtime/state";
import { event, message, welcome } from "./fake-socket";

const NOW = 50_000;

function welcomed(seqs: number[], outbox: Outgoing[] = []): RoomState {
  return reduce(initialState(outbox), welcome({ messages: seqs.map((s) => message(s)) }), NOW)
    .state;
}

function pending(clientId: string): Outgoing {
  return { clientId, text: clientId, replyTo: null, createdAt: 1, status: "pending" };
}

describe("reducer", () => {
  it("is pure: the state it was given is never changed", () => {
    const before = welcomed([1, 2]);
    const copy = structuredClone(before);
    reduceAll(before, [event(message(3)), { type: "delete", seq: 4, target: 1, by: "x" }], NOW);
    expect(before).toEqual(copy);
  });

  it("ignores a duplicate event (same seq twice) and says nothing about it", () => {
    const s = welcomed([1, 2]);
    const once = reduce(s, event(message(3)), NOW);
    const twice = reduce(once.state, event(message(3, { text: "again" })), NOW);
    expect(twice.state).toBe(once.state);
    expect(twice.effects).toEqual([]);
    expect(twice.state.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it("refuses an out-of-order event: keeps the state and asks to sync from the last seq", () => {
    const s = welcomed([1, 2]);
    const step = reduce(s, event(message(5)), NOW);
    expect(step.state).toBe(s);
    expect(step.effects).toEqual([{ kind: "sync", since: 2 }]);
    // An older one that arrives late is already behind us: nothing.
    expect(reduce(s, event(message(1)), NOW).effects).toEqual([]);
  });

  it("applies a replay in order after a catch-up welcome, gap-free", () => {
    const s = welcomed([1, 2]);
    const catchup = welcome({ mode: "catchup", lastSeq: 4, messages: [] });
    const { state, effects } = reduceAll(s, [catchup, event(message(3)), event(message(4))], NOW);
    expect(state.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(state.lastSeq).toBe(4);
    expect(effects.map((e) => e.kind)).toEqual(["welcomed", "live", "live"]);
  });

  it("a snapshot welcome replaces the messages and drops posts it already holds", () => {
    const s = initialState([pending("stored-1"), pending("still-out")]);
    const w = welcome({ messages: [message(7, { clientId: "stored-1" })] });
    const { state } = reduce(s, w, NOW);
    expect(state.messages.map((m) => m.seq)).toEqual([7]);
    expect(state.outbox.map((o) => o.clientId)).toEqual(["still-out"]);
    expect(state.lastSeq).toBe(7);
    expect(state.connection).toEqual({ status: "open" });
  });

  it("clears a post from the outbox on its message event, or on an ack for a seq already seen", () => {
    let s = welcomed([1], [pending("a"), pending("b")]);
    s = reduce(s, event(message(2, { clientId: "a" })), NOW).state;
    expect(s.outbox.map((o) => o.clientId)).toEqual(["b"]);
    // b was stored before the reconnect (seq 2 is behind us): its late ack settles it.
    const acked = reduce(s, { type: "ack", clientId: "b", seq: 2, createdAt: 0 }, NOW);
    expect(acked.state.outbox).toEqual([]);
    expect(acked.effects).toEqual([{ kind: "settled", clientId: "b" }]);
  });

  it("folds history pages without repeating posts it has", () => {
    const s = welcomed([3, 4]);
    const page: SingleServerFrame = {
      type: "history",
      id: "older-3",
      messages: [message(1), message(2), message(3)],
      hasMore: false,
    };
    const { state } = reduce({ ...s, loadingOlder: true }, page, NOW);
    expect(state.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(state.loadingOlder).toBe(false);
    expect(state.hasMore).toBe(false);
  });

  it("toggles reactions, edits and deletes by target seq", () => {
    const s = welcomed([1]);
    const { state } = reduceAll(
      s,
      [
        { type: "reaction", seq: 2, target: 1, emoji: "👍", userId: "u1", on: true },
        { type: "reaction", seq: 3, target: 1, emoji: "👍", userId: "u2", on: true },
        { type: "reaction", seq: 4, target: 1, emoji: "👍", userId: "u1", on: false },
        { type: "edit", seq: 5, target: 1, text: "edited", editedAt: 9 },
      ],
      NOW,
    );
    expect(state.messages[0]?.reactions).toEqual([{ emoji: "👍", users: ["u2"] }]);
    expect(state.messages[0]?.text).toBe("edited");
    const gone = reduce(state, { type: "delete", seq: 6, target: 1, by: "u" }, NOW).state;
    expect(gone.messages[0]).toMatchObject({ deleted: true, text: "", reactions: [] });
  });

  it("reads a rate-limited send from its code and ref, not its wording", () => {
    const s = welcomed([1], [pending("a")]);
    const limited = reduce(
      s,
      { type: "error", code: "rate_limited", message: "anything", ref: "a", retryAfter: 2500 },
      NOW,
    );
    expect(limited.effects).toEqual([{ kind: "resend", clientId: "a", after: 2500 }]);
    expect(limited.state.errorCode).toBe("rate_limited");
    expect(limited.state.outbox[0]?.status).toBe("pending");
    // The next ack clears the "slow down" notice.
    const ack = reduce(limited.state, { type: "ack", clientId: "a", seq: 2, createdAt: 0 }, NOW);
    expect(ack.state.error).toBeNull();
    // Any other refusal fails the post with the server's sentence.
    const refused = reduce(
      s,
      { type: "error", code: "too_large", message: "Too long", ref: "a" },
      NOW,
    );
    expect(refused.state.outbox[0]).toMatchObject({ status: "failed", error: "Too long" });
  });

  it("takes features from the welcome and forgets typists when they post or leave", () => {
    let s = reduce(initialState(), welcome({ features: ["send", "history", "sync"] }), NOW).state;
    expect(s.features).toEqual(["send", "history", "sync"]);
    s = reduce(s, { type: "typing", userId: "u1", name: "U" }, NOW).state;
    expect(s.typing).toEqual([{ userId: "u1", name: "U", until: NOW + 6000 }]);
    s = reduce(s, event(message(1, { author: { id: "u1", name: "U" } })), NOW).state;
    expect(s.typing).toEqual([]);
    // Our own typing echo is not shown.
    expect(reduce(s, { type: "typing", userId: "user-me", name: "Me" }, NOW).state.typing).toEqual(
      [],
    );
  });

  it("answers only the latest search", () => {
    const s: RoomState = {
      ...welcomed([]),
      search: { id: "search-2", q: "x", loading: true, results: [], hasMore: false, error: null },
    };
    const stale: SingleServerFrame = {
      type: "search",
      id: "search-1",
      messages: [message(1)],
      hasMore: false,
    };
    expect(reduce(s, stale, NOW).state).toBe(s);
    const fresh: SingleServerFrame = { ...stale, id: "search-2" };
    expect(reduce(s, fresh, NOW).state.search).toMatchObject({
      loading: false,
      results: [message(1)],
    });
  });
});
