import type {
  ErrorFrame,
  Message,
  RoomEvent,
  ServerFrame,
  SingleServerFrame,
} from "../../../../protocol";
import { LIMITS } from "../../../../protocol/limits";
import { type Effect, failOutgoing, HISTORY_ID_PREFIX, type RoomState, type Step } from "./state";

const SLOW_DOWN = "You're sending too fast";

/**
 * The pure heart of the client: one server frame in, the next state (and what to do about it)
 * out. No sockets, timers or storage; `now` is the frame's arrival time. A `batch` of frames is
 * folded frame by frame with `reduceAll`.
 */
export function reduce(state: RoomState, frame: ServerFrame, now: number): Step {
  switch (frame.type) {
    case "batch":
      return reduceAll(state, frame.frames, now);
    case "welcome": {
      const snapshot = frame.mode === "snapshot";
      const messages = snapshot ? frame.messages : state.messages;
      const stored = new Set(messages.map((m) => m.clientId));
      return {
        state: {
          ...state,
          room: frame.room,
          me: { id: frame.me.id, name: frame.me.name },
          members: frame.members,
          messages,
          hasMore: snapshot ? frame.hasMore : state.hasMore,
          loadingOlder: false,
          lastSeq: snapshot ? frame.lastSeq : state.lastSeq,
          welcomedSeq: frame.lastSeq,
          connection: { status: "open" },
          typing: [],
          features: frame.features,
          error: null,
          errorCode: null,
          outbox: snapshot ? state.outbox.filter((o) => !stored.has(o.clientId)) : state.outbox,
        },
        effects: [{ kind: "welcomed" }],
      };
    }
    case "ack": {
      let next = state;
      if (state.errorCode === "rate_limited") next = { ...next, error: null, errorCode: null };
      // The message event (to everyone, us included) carries the content and clears the outbox.
      // If that event is already behind us (a resend after a reconnect), clear it now.
      if (frame.seq <= state.lastSeq) {
        next = { ...next, outbox: next.outbox.filter((o) => o.clientId !== frame.clientId) };
      }
      return { state: next, effects: [{ kind: "settled", clientId: frame.clientId }] };
    }
    case "history": {
      const known = new Set(state.messages.map((m) => m.seq));
      const older = frame.messages.filter((m) => !known.has(m.seq));
      return {
        state: {
          ...state,
          messages: [...older, ...state.messages],
          hasMore: frame.hasMore,
          loadingOlder: false,
        },
        effects: [],
      };
    }
    case "search": {
      const search = state.search;
      if (!search || frame.id !== search.id) return { state, effects: [] };
      const results = { loading: false, results: frame.messages, hasMore: frame.hasMore };
      return { state: { ...state, search: { ...search, ...results } }, effects: [] };
    }
    case "presence": {
      const others = state.members.filter((m) => m.id !== frame.member.id);
      const leave = frame.op === "leave";
      return {
        state: {
          ...state,
          members: leave ? others : [...others, frame.member],
          typing: leave ? state.typing.filter((t) => t.userId !== frame.member.id) : state.typing,
        },
        effects: [],
      };
    }
    case "typing": {
      if (frame.userId === state.me?.id) return { state, effects: [] };
      const until = now + LIMITS.typingExpiryMs;
      const rest = state.typing.filter((t) => t.userId !== frame.userId);
      const typing = [...rest, { userId: frame.userId, name: frame.name, until }];
      return { state: { ...state, typing }, effects: [] };
    }
    case "error":
      return reduceError(state, frame);
    case "pong":
      return { state, effects: [{ kind: "pong" }] };
    case "message":
    case "edit":
    case "delete":
    case "reaction":
    case "topic":
    case "rename":
      return reduceEvent(state, frame);
    default:
      return { state, effects: [] };
  }
}

/** Folds frames in order (a batch, or a test's script) into one step. */
export function reduceAll(state: RoomState, frames: SingleServerFrame[], now: number): Step {
  const effects: Effect[] = [];
  for (const frame of frames) {
    const step = reduce(state, frame, now);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

function reduceError(state: RoomState, frame: ErrorFrame): Step {
  const ref = frame.ref;
  const out = ref ? state.outbox.find((o) => o.clientId === ref) : undefined;
  if (out) {
    if (frame.code === "rate_limited" && frame.retryAfter) {
      const secs = Math.max(1, Math.ceil(frame.retryAfter / 1000));
      return {
        state: {
          ...state,
          error: `${SLOW_DOWN} — wait ${secs} s. It will go out by itself.`,
          errorCode: frame.code,
        },
        effects: [{ kind: "resend", clientId: out.clientId, after: frame.retryAfter }],
      };
    }
    return {
      state: failOutgoing(state, out.clientId, frame.message),
      effects: [{ kind: "settled", clientId: out.clientId }],
    };
  }
  if (ref && state.search && ref === state.search.id) {
    const search = { ...state.search, loading: false, error: frame.message };
    return { state: { ...state, search }, effects: [] };
  }
  if (ref?.startsWith(HISTORY_ID_PREFIX)) {
    // Still loading: try again once the budget allows.
    if (frame.code === "rate_limited") {
      return { state, effects: [{ kind: "retry-history", after: frame.retryAfter ?? 1000 }] };
    }
    state = { ...state, loadingOlder: false };
  }
  return { state: { ...state, error: frame.message, errorCode: frame.code }, effects: [] };
}

function reduceEvent(state: RoomState, event: RoomEvent): Step {
  if (event.seq <= state.lastSeq) return { state, effects: [] }; // already have it
  if (state.lastSeq >= 0 && event.seq !== state.lastSeq + 1) {
    // A gap should never happen on one socket; resync rather than show a hole.
    return { state, effects: [{ kind: "sync", since: state.lastSeq }] };
  }
  let { messages, outbox, room, typing } = state;
  switch (event.type) {
    case "message":
      messages = [...messages, event.message];
      outbox = outbox.filter((o) => o.clientId !== event.message.clientId);
      typing = typing.filter((t) => t.userId !== event.message.author.id);
      break;
    case "edit":
      messages = messages.map((m) =>
        m.seq === event.target ? { ...m, text: event.text, editedAt: event.editedAt } : m,
      );
      break;
    case "delete":
      messages = messages.map((m) =>
        m.seq === event.target ? { ...m, text: "", deleted: true, reactions: [] } : m,
      );
      break;
    case "reaction":
      messages = messages.map((m) => (m.seq === event.target ? withReaction(m, event) : m));
      break;
    case "topic":
      if (room) room = { ...room, topic: event.topic };
      break;
    case "rename":
      if (room) room = { ...room, name: event.name };
      break;
  }
  const next = { ...state, messages, outbox, room, typing, lastSeq: event.seq };
  const effects: Effect[] =
    event.type === "message" ? [{ kind: "live", message: event.message }] : [];
  return { state: next, effects };
}

function withReaction(m: Message, e: Extract<RoomEvent, { type: "reaction" }>): Message {
  const reactions = m.reactions.map((r) => ({ ...r, users: [...r.users] }));
  let r = reactions.find((x) => x.emoji === e.emoji);
  if (e.on) {
    if (!r) {
      r = { emoji: e.emoji, users: [] };
      reactions.push(r);
    }
    if (!r.users.includes(e.userId)) r.users.push(e.userId);
  } else if (r) {
    r.users = r.users.filter((u) => u !== e.userId);
  }
  return { ...m, reactions: reactions.filter((x) => x.users.length > 0) };
}
