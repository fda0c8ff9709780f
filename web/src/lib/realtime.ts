import type {
  ClientFrame,
  ErrorFrame,
  Member,
  Message,
  PresenceStatus,
  RoomEvent,
  RoomInfo,
  ServerFrame,
  SingleServerFrame,
} from "../../../protocol";
// Constants straight from limits.ts: the protocol index re-exports zod schemas we don't ship.
import {
  CLOSE_BANNED,
  CLOSE_KICKED,
  CLOSE_LEFT,
  CLOSE_SIGNED_OUT,
} from "../../../protocol/close-codes";
import { BATCH_PARAM, LIMITS, PING_FRAME } from "../../../protocol/limits";

/** What the UI shows about the socket. */
export type Connection =
  | { status: "connecting" }
  | { status: "open" }
  | { status: "reconnecting"; retryAt: number; attempt: number }
  | { status: "closed"; reason: string; code: number };

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
  connection: Connection;
  search: SearchState | null;
  /** Frame types this server answered with unknown_type; the UI hides what needs them. */
  unsupported: string[];
  /** The latest error worth telling the user about (not tied to one outgoing message). */
  error: string | null;
};

type Options = {
  /** Base URL of the app; defaults to the page's own origin. */
  origin?: string;
  /** Where pending messages survive a reload; sessionStorage in the browser. */
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  /** Extra query parameters for the socket URL (e.g. a private room's invite token). */
  params?: Record<string, string>;
};

const PING_EVERY_MS = 25_000;
const PONG_TIMEOUT_MS = 10_000;
const ACK_TIMEOUT_MS = 15_000;
/** At most this often a history page is requested (the socket's refill is 1000/sendPerSecond). */
const HISTORY_GAP_MS = 300;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30_000;
/** Close codes after which reconnecting would be wrong, and why. */
const FINAL_CLOSES: Record<number, string> = {
  1008: "The connection was closed for breaking the room's rules (too many bad or fast frames).",
  [CLOSE_KICKED]: "The room's owner removed you from this room.",
  [CLOSE_BANNED]: "The room's owner banned you from this room.",
  [CLOSE_SIGNED_OUT]: "You signed out.",
  [CLOSE_LEFT]: "You left this room.",
};
const SLOW_DOWN = "You're sending too fast";
const FEATURE_NAMES: Record<string, string> = {
  edit: "Editing",
  delete: "Deleting",
  react: "Reactions",
  search: "Search",
  topic: "Changing the topic",
};

/**
 * One room's live connection: reconnects with jittered exponential backoff, catches up from the
 * last seq it saw (nothing missed, nothing twice), and keeps an outbox of optimistic sends that
 * are resent with the same clientId after a reconnect or reload. No React in here.
 */
export class RoomClient {
  private state: RoomState = {
    room: null,
    me: null,
    messages: [],
    outbox: [],
    members: [],
    typing: [],
    hasMore: false,
    loadingOlder: false,
    lastSeq: -1,
    connection: { status: "connecting" },
    search: null,
    unsupported: [],
    error: null,
  };
  private readonly listeners = new Set<() => void>();
  /** While a batch is applied, listeners hear once at its end. */
  private holding = false;
  private changed = false;
  private readonly messageListeners = new Set<(m: Message) => void>();
  private ws: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private ackTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Posts still to resend after the last welcome, and the timer pacing them. */
  private resendQueue: Outgoing[] = [];
  private resendTimer: ReturnType<typeof setTimeout> | undefined;
  private closedByUs = false;
  private lastTypingSent = 0;
  private status: PresenceStatus = "online";
  private readSent = -1;
  private lastHistoryAt = 0;
  private historyLimit: number = LIMITS.historyPageDefault;
  private historyTimer: ReturnType<typeof setTimeout> | undefined;
  private searchSeq = 0;
  private readonly storageKey: string;

  constructor(
    readonly roomId: string,
    private readonly options: Options = {},
  ) {
    this.storageKey = `parley:outbox:${roomId}`;
    const saved = this.options.storage?.getItem(this.storageKey);
    if (saved) {
      try {
        const outbox = (JSON.parse(saved) as Outgoing[]).map((o) => ({
          ...o,
          status: "pending" as const,
        }));
        this.state = { ...this.state, outbox };
      } catch {
        this.options.storage?.removeItem(this.storageKey);
      }
    }
  }

  getState = (): RoomState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called for each message that arrives live (not for history or snapshots). */
  onMessage(listener: (m: Message) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  connect(): void {
    this.closedByUs = false;
    clearTimeout(this.retryTimer);
    const base = this.options.origin ?? location.origin;
    const url = new URL(`/api/rooms/${encodeURIComponent(this.roomId)}/ws`, base);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    for (const [k, v] of Object.entries(this.options.params ?? {})) url.searchParams.set(k, v);
    if (this.state.lastSeq >= 0) url.searchParams.set("since", String(this.state.lastSeq));
    // A busy room then sends each tick's events in one `batch` frame.
    url.searchParams.set(BATCH_PARAM, "1");
    if (this.attempt === 0) this.set({ connection: { status: "connecting" } });

    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onmessage = (e) => {
      if (this.ws !== ws || typeof e.data !== "string") return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(e.data) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === "batch") this.onBatch(frame.frames);
      else this.onFrame(frame);
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.stopPing();
      this.pauseAckTimers();
      if (this.closedByUs) return;
      // Policy closes, removal by the owner and "you may not be here" are final; anything else
      // is worth a retry.
      const final = FINAL_CLOSES[e.code];
      if (final || (e.code >= 4400 && e.code < 4500)) {
        this.set({
          connection: {
            status: "closed",
            code: e.code,
            reason: final ?? (e.reason || "The room closed the connection."),
          },
        });
        return;
      }
      // Never welcomed: the upgrade itself failed. A room that doesn't exist looks the same from
      // here, so ask over HTTP once before retrying forever.
      if (this.state.room === null) void this.checkExists();
      this.scheduleReconnect();
    };
  }

  /** Reconnect now instead of waiting for the backoff. */
  retryNow(): void {
    if (this.ws) return;
    this.attempt = Math.max(this.attempt, 1);
    this.connect();
  }

  close(): void {
    this.closedByUs = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.typingTimer);
    clearTimeout(this.historyTimer);
    this.stopPing();
    this.pauseAckTimers();
    this.ws?.close(1000, "bye");
    this.ws = null;
  }

  send(text: string, replyTo: number | null = null): string {
    const clientId = newClientId();
    const out: Outgoing = { clientId, text, replyTo, createdAt: Date.now(), status: "pending" };
    this.setOutbox([...this.state.outbox, out]);
    this.transmit(out);
    return clientId;
  }

  retry(clientId: string): void {
    const out = this.state.outbox.find((o) => o.clientId === clientId);
    if (!out) return;
    const again: Outgoing = { ...out, status: "pending" };
    delete again.error;
    this.setOutbox(this.state.outbox.map((o) => (o.clientId === clientId ? again : o)));
    this.transmit(again);
  }

  discard(clientId: string): void {
    clearTimeout(this.ackTimers.get(clientId));
    this.ackTimers.delete(clientId);
    this.setOutbox(this.state.outbox.filter((o) => o.clientId !== clientId));
  }

  edit(seq: number, text: string): boolean {
    return this.action({ type: "edit", seq, text });
  }

  remove(seq: number): boolean {
    return this.action({ type: "delete", seq });
  }

  /** Toggles the current user's `emoji` on a message. */
  react(seq: number, emoji: string): boolean {
    return this.action({ type: "react", seq, emoji });
  }

  setTopic(topic: string): boolean {
    return this.action({ type: "topic", topic });
  }

  /** Tell the room we're typing; throttled to what the server accepts. */
  typing(): void {
    const now = Date.now();
    if (now - this.lastTypingSent < LIMITS.typingThrottleMs) return;
    if (this.supports("typing") && this.frame({ type: "typing" })) this.lastTypingSent = now;
  }

  /** Online or idle (tab hidden); re-sent after every reconnect. */
  setStatus(status: PresenceStatus): void {
    if (status === this.status) return;
    this.status = status;
    if (this.supports("status")) this.frame({ type: "status", status });
  }

  /** Marks everything up to `seq` read (for unread counts elsewhere). */
  markRead(seq: number): void {
    if (seq <= this.readSent || !this.supports("read")) return;
    if (this.frame({ type: "read", seq })) this.readSent = seq;
  }

  loadOlder(limit: number = LIMITS.historyPageDefault): void {
    const first = this.state.messages[0];
    if (!first || !this.state.hasMore || this.state.loadingOlder) return;
    // History requests spend the same rate budget as sends: pace them so fast scrolling never
    // earns rate-limit errors (which count toward the server's close-on-abuse policy).
    const wait = this.lastHistoryAt + HISTORY_GAP_MS - Date.now();
    this.set({ loadingOlder: true });
    clearTimeout(this.historyTimer);
    this.historyTimer = setTimeout(() => this.requestOlder(limit), Math.max(0, wait));
  }

  private requestOlder(limit: number) {
    const first = this.state.messages[0];
    if (!first) return this.set({ loadingOlder: false });
    this.lastHistoryAt = Date.now();
    this.historyLimit = limit;
    if (!this.frame({ type: "history", before: first.seq, id: `older-${first.seq}`, limit })) {
      this.set({ loadingOlder: false });
    }
  }

  search(q: string): void {
    const query = q.trim().slice(0, LIMITS.maxSearchChars);
    if (!query) {
      this.set({ search: null });
      return;
    }
    const id = `search-${++this.searchSeq}`;
    const search: SearchState = {
      q: query,
      loading: true,
      results: [],
      hasMore: false,
      error: null,
    };
    if (!this.supports("search")) {
      search.loading = false;
      search.error = "Search isn't available on this server yet.";
    } else if (!this.frame({ type: "search", id, q: query, limit: 50 })) {
      search.loading = false;
      search.error = "You're offline. Search again when the connection is back.";
    }
    this.set({ search });
  }

  clearSearch(): void {
    this.set({ search: null });
  }

  /** Shows an error from outside the socket (e.g. a failed HTTP action) in the same place. */
  showError(message: string): void {
    this.set({ error: message });
  }

  dismissError(): void {
    this.set({ error: null });
  }

  supports(type: ClientFrame["type"]): boolean {
    return !this.state.unsupported.includes(type);
  }

  /** Sends a frame if the socket is open; returns whether it went out. */
  frame(frame: ClientFrame): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  // ── internals ────────────────────────────────────────────────────────────

  /** A user action that needs the socket: says so when it cannot go out. */
  private action(frame: ClientFrame): boolean {
    if (!this.supports(frame.type)) {
      this.set({ error: `${FEATURE_NAMES[frame.type] ?? frame.type} isn't available yet.` });
      return false;
    }
    if (this.frame(frame)) return true;
    this.set({ error: "You're offline. Try again once the connection is back." });
    return false;
  }

  /**
   * Resends what was pending across a reconnect, oldest first, within the room's send budget: a
   * burst now, then at the refill rate, so a long outbox is not refused (or closed) for flooding.
   */
  private flushResends(count: number) {
    clearTimeout(this.resendTimer);
    for (const out of this.resendQueue.splice(0, count)) {
      if (this.state.outbox.some((o) => o.clientId === out.clientId && o.status === "pending")) {
        this.transmit(out);
      }
    }
    if (this.resendQueue.length > 0) {
      this.resendTimer = setTimeout(() => this.flushResends(LIMITS.sendPerSecond), 1000);
    }
  }

  private transmit(out: Outgoing) {
    const frame: ClientFrame = { type: "send", clientId: out.clientId, text: out.text };
    if (out.replyTo !== null) frame.replyTo = out.replyTo;
    // Offline: it stays pending, and the welcome after the reconnect resends it.
    if (!this.frame(frame)) return;
    clearTimeout(this.ackTimers.get(out.clientId));
    this.ackTimers.set(
      out.clientId,
      setTimeout(() => this.fail(out.clientId, "Not delivered"), ACK_TIMEOUT_MS),
    );
  }

  /** A dropped socket is not a failed send: those stay pending until the next welcome. */
  private pauseAckTimers() {
    for (const t of this.ackTimers.values()) clearTimeout(t);
    this.ackTimers.clear();
    clearTimeout(this.resendTimer);
    this.resendQueue = [];
  }

  private fail(clientId: string, error: string) {
    this.ackTimers.delete(clientId);
    this.setOutbox(
      this.state.outbox.map((o) =>
        o.clientId === clientId ? { ...o, status: "failed", error } : o,
      ),
    );
  }

  private onFrame(frame: SingleServerFrame) {
    switch (frame.type) {
      case "welcome": {
        this.attempt = 0;
        const snapshot = frame.mode === "snapshot";
        const messages = snapshot ? frame.messages : this.state.messages;
        const stored = new Set(messages.map((m) => m.clientId));
        this.set({
          room: frame.room,
          me: frame.me,
          members: frame.members,
          messages,
          hasMore: snapshot ? frame.hasMore : this.state.hasMore,
          loadingOlder: false,
          lastSeq: snapshot ? frame.lastSeq : this.state.lastSeq,
          connection: { status: "open" },
          typing: [],
          error: null,
        });
        if (snapshot) this.setOutbox(this.state.outbox.filter((o) => !stored.has(o.clientId)));
        this.startPing();
        if (this.status !== "online" && this.supports("status")) {
          this.frame({ type: "status", status: this.status });
        }
        this.resendQueue = this.state.outbox.filter((o) => o.status === "pending");
        this.flushResends(LIMITS.sendBurst);
        return;
      }
      case "ack": {
        clearTimeout(this.ackTimers.get(frame.clientId));
        this.ackTimers.delete(frame.clientId);
        if (this.state.error?.startsWith(SLOW_DOWN)) this.set({ error: null });
        // The message event (to everyone, us included) carries the content and clears the outbox.
        // If that event is already behind us (a resend after a reconnect), clear it now.
        if (frame.seq <= this.state.lastSeq) {
          this.setOutbox(this.state.outbox.filter((o) => o.clientId !== frame.clientId));
        }
        return;
      }
      case "history": {
        const known = new Set(this.state.messages.map((m) => m.seq));
        const older = frame.messages.filter((m) => !known.has(m.seq));
        this.set({
          messages: [...older, ...this.state.messages],
          hasMore: frame.hasMore,
          loadingOlder: false,
        });
        return;
      }
      case "search": {
        const search = this.state.search;
        if (!search || frame.id !== `search-${this.searchSeq}`) return;
        this.set({
          search: { ...search, loading: false, results: frame.messages, hasMore: frame.hasMore },
        });
        return;
      }
      case "presence": {
        const others = this.state.members.filter((m) => m.id !== frame.member.id);
        this.set({
          members: frame.op === "leave" ? others : [...others, frame.member],
          typing:
            frame.op === "leave"
              ? this.state.typing.filter((t) => t.userId !== frame.member.id)
              : this.state.typing,
        });
        return;
      }
      case "typing": {
        if (frame.userId === this.state.me?.id) return;
        const until = Date.now() + LIMITS.typingExpiryMs;
        const rest = this.state.typing.filter((t) => t.userId !== frame.userId);
        this.set({ typing: [...rest, { userId: frame.userId, name: frame.name, until }] });
        this.scheduleTypingExpiry();
        return;
      }
      case "error":
        this.onError(frame);
        return;
      case "pong":
        clearTimeout(this.pongTimer);
        return;
      case "message":
      case "edit":
      case "delete":
      case "reaction":
      case "topic":
      case "rename":
        this.applyEvent(frame);
        return;
      default:
        return;
    }
  }

  private onError(frame: ErrorFrame) {
    if (frame.code === "unknown_type") {
      // An older server: remember which frame it doesn't know so we stop sending it.
      const type = /\b(edit|delete|react|typing|status|search|topic|read)\b/.exec(
        frame.message,
      )?.[1];
      if (type && !this.state.unsupported.includes(type)) {
        this.set({ unsupported: [...this.state.unsupported, type] });
        if (type === "search" && this.state.search) {
          this.set({
            search: {
              ...this.state.search,
              loading: false,
              error: "Search isn't available on this server yet.",
            },
          });
          return;
        }
        if (type in FEATURE_NAMES)
          this.set({ error: `${FEATURE_NAMES[type]} isn't available yet.` });
      }
      return;
    }
    const out = frame.ref ? this.state.outbox.find((o) => o.clientId === frame.ref) : undefined;
    if (out) {
      if (frame.code === "rate_limited" && frame.retryAfter) {
        const secs = Math.max(1, Math.ceil(frame.retryAfter / 1000));
        this.set({ error: `${SLOW_DOWN} — wait ${secs} s. It will go out by itself.` });
        clearTimeout(this.ackTimers.get(out.clientId));
        this.ackTimers.set(
          out.clientId,
          setTimeout(() => this.transmit(out), frame.retryAfter),
        );
        return;
      }
      this.fail(out.clientId, frame.message);
      return;
    }
    if (frame.ref?.startsWith("search-") && this.state.search) {
      this.set({ search: { ...this.state.search, loading: false, error: frame.message } });
      return;
    }
    if (frame.ref?.startsWith("older-")) {
      if (frame.code === "rate_limited") {
        // Still loading: try again once the budget allows.
        clearTimeout(this.historyTimer);
        this.historyTimer = setTimeout(
          () => this.requestOlder(this.historyLimit),
          frame.retryAfter ?? 1000,
        );
        return;
      }
      this.set({ loadingOlder: false });
    }
    this.set({ error: frame.message });
  }

  private applyEvent(event: RoomEvent) {
    if (event.seq <= this.state.lastSeq) return; // already have it
    if (this.state.lastSeq >= 0 && event.seq !== this.state.lastSeq + 1) {
      // A gap should never happen on one socket; resync rather than show a hole.
      this.frame({ type: "sync", since: this.state.lastSeq });
      return;
    }
    let { messages, outbox, room, typing } = this.state;
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
    if (outbox !== this.state.outbox) this.persistOutbox(outbox);
    this.set({ messages, outbox, room, typing, lastSeq: event.seq });
    if (event.type === "message") for (const l of this.messageListeners) l(event.message);
  }

  private scheduleTypingExpiry() {
    clearTimeout(this.typingTimer);
    const next = Math.min(...this.state.typing.map((t) => t.until));
    if (!Number.isFinite(next)) return;
    this.typingTimer = setTimeout(
      () => {
        const now = Date.now();
        this.set({ typing: this.state.typing.filter((t) => t.until > now) });
        this.scheduleTypingExpiry();
      },
      Math.max(50, next - Date.now()),
    );
  }

  /** A refused upgrade is invisible to the page: ask over HTTP why, with the same invite. */
  private async checkExists() {
    try {
      const url = new URL(
        `/api/rooms/${encodeURIComponent(this.roomId)}`,
        this.options.origin ?? location.origin,
      );
      for (const [k, v] of Object.entries(this.options.params ?? {})) url.searchParams.set(k, v);
      const res = await fetch(url, { credentials: "same-origin" });
      if (res.status === 404 || res.status === 400) {
        this.close();
        this.set({
          connection: { status: "closed", code: 4404, reason: "There's no room at this address." },
        });
      } else if (res.status === 403) {
        this.close();
        this.set({
          connection: {
            status: "closed",
            code: 4403,
            reason:
              "This room is private, or you were banned from it. Ask someone in it for an invite link.",
          },
        });
      }
    } catch {
      // offline: keep retrying
    }
  }

  private scheduleReconnect() {
    this.attempt += 1;
    const delay = backoff(this.attempt);
    this.set({
      connection: { status: "reconnecting", retryAt: Date.now() + delay, attempt: this.attempt },
    });
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private startPing() {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      if (this.ws?.readyState !== WebSocket.OPEN) return;
      this.ws.send(PING_FRAME);
      clearTimeout(this.pongTimer);
      // No pong: the connection is dead without a close event (sleep, network change).
      this.pongTimer = setTimeout(() => this.ws?.close(4000, "ping timeout"), PONG_TIMEOUT_MS);
    }, PING_EVERY_MS);
  }

  private stopPing() {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
  }

  private setOutbox(outbox: Outgoing[]) {
    this.persistOutbox(outbox);
    this.set({ outbox });
  }

  private persistOutbox(outbox: Outgoing[]) {
    const storage = this.options.storage;
    if (!storage) return;
    if (outbox.length === 0) storage.removeItem(this.storageKey);
    else storage.setItem(this.storageKey, JSON.stringify(outbox));
  }

  private set(patch: Partial<RoomState>) {
    this.state = { ...this.state, ...patch };
    if (this.holding) this.changed = true;
    else for (const l of this.listeners) l();
  }

  /** Applies a batch's frames, then tells the listeners once (one render per batch). */
  private onBatch(frames: SingleServerFrame[]) {
    this.holding = true;
    try {
      for (const frame of frames) this.onFrame(frame);
    } finally {
      this.holding = false;
      if (this.changed) {
        this.changed = false;
        for (const l of this.listeners) l();
      }
    }
  }
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

/** Exponential backoff with jitter: between half and all of the capped exponential delay. */
export function backoff(attempt: number, random = Math.random): number {
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
