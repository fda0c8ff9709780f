import type { ClientFrame, ErrorCode, Member, Message, RoomInfo } from "../../../../protocol";

/** What the UI shows about the socket. `code` is null when no socket close said why. */
export type Connection =
  | { status: "connecting" }
  | { status: "open" }
  | { status: "reconnecting"; retryAt: number; attempt: number }
  | { status: "closed"; reason: string; code: number | null };

export type Outgoing = {
  clientId: string;
  text: string;
  replyTo: number | null;
  createdAt: number;
  status: "pending" | "failed";
  error?: string;
};

export type Typist = { userId: string; name: string; until: number };

export type SearchState = {
  /** The request id the answer must carry; older answers are ignored. */
  id: string;
  q: string;
  loading: boolean;
  results: Message[];
  hasMore: boolean;
  error: string | null;
};

export type RoomState = {
  room: RoomInfo | null;
  me: { id: string; name: string } | null;
  /** Confirmed messages, ordered by seq. */
  messages: Message[];
  /** Sent by this tab, not yet acknowledged. */
  outbox: Outgoing[];
  members: Member[];
  typing: Typist[];
  hasMore: boolean;
  loadingOlder: boolean;
  lastSeq: number;
  /**
   * The room's last seq when it last welcomed us: once `lastSeq` reaches it, the catch-up that
   * follows a welcome is complete (-1 before the first welcome).
   */
  welcomedSeq: number;
  connection: Connection;
  search: SearchState | null;
  /** Client frame types the server said it understands (`welcome.features`); null until welcomed. */
  features: ClientFrame["type"][] | null;
  /** The latest error worth telling the user about (not tied to one outgoing message). */
  error: string | null;
  /** The protocol code behind `error`, when it came from the server. */
  errorCode: ErrorCode | null;
};

/** What a reduced frame asks the I/O layers to do; the reducer itself does none of it. */
export type Effect =
  /** First frame of a connection: start the keep-alive, resend what is pending. */
  | { kind: "welcomed" }
  /** A seq was skipped on this socket: ask for everything after `since`. */
  | { kind: "sync"; since: number }
  /** A message arrived live (not history, not a snapshot). */
  | { kind: "live"; message: Message }
  /** The server settled a send (stored, or refused): stop waiting for its ack. */
  | { kind: "settled"; clientId: string }
  /** A send was rate limited: send it again after `after` ms. */
  | { kind: "resend"; clientId: string; after: number }
  /** A history page was rate limited: ask again after `after` ms. */
  | { kind: "retry-history"; after: number }
  | { kind: "pong" };

export type Step = { state: RoomState; effects: Effect[] };

/** What the user calls each action that needs a frame type the server may lack. */
export const FEATURE_NAMES: Partial<Record<ClientFrame["type"], string>> = {
  edit: "Editing",
  delete: "Deleting",
  react: "Reactions",
  search: "Search",
  topic: "Changing the topic",
};

/** A history request's id names the page it extends, so its answer (or error) is recognised. */
export const HISTORY_ID_PREFIX = "older-";

export function initialState(outbox: Outgoing[] = []): RoomState {
  return {
    room: null,
    me: null,
    messages: [],
    outbox,
    members: [],
    typing: [],
    hasMore: false,
    loadingOlder: false,
    lastSeq: -1,
    welcomedSeq: -1,
    connection: { status: "connecting" },
    search: null,
    features: null,
    error: null,
    errorCode: null,
  };
}

/** Whether the server understands a frame type; before the first welcome, assume it does. */
export function supports(features: RoomState["features"], type: ClientFrame["type"]): boolean {
  return features === null || features.includes(type);
}

/** Typing indicators still current at `now`. */
export function expireTyping(state: RoomState, now: number): RoomState {
  const typing = state.typing.filter((t) => t.until > now);
  return typing.length === state.typing.length ? state : { ...state, typing };
}

/** Marks one outgoing post failed (Retry and Discard are offered). */
export function failOutgoing(state: RoomState, clientId: string, error: string): RoomState {
  const outbox = state.outbox.map((o) =>
    o.clientId === clientId ? { ...o, status: "failed" as const, error } : o,
  );
  return { ...state, outbox };
}

/** Connected and caught up: everything the room had when it welcomed us is applied. */
export function caughtUp(state: RoomState): boolean {
  return state.connection.status === "open" && state.lastSeq >= state.welcomedSeq;
}
