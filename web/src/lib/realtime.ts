import {
  type ClientFrame,
  type Member,
  type Message,
  PING_FRAME,
  type RoomEvent,
  type RoomInfo,
  type ServerFrame,
} from "../../../protocol";

/** What the UI shows about the socket. */
export type Connection =
  | { status: "connecting" }
  | { status: "open" }
  | { status: "reconnecting"; retryAt: number; attempt: number }
  | { status: "closed"; reason: string };

export type Outgoing = {
  clientId: string;
  text: string;
  replyTo: number | null;
  createdAt: number;
  status: "pending" | "failed";
  error?: string;
};

export type RoomState = {
  room: RoomInfo | null;
  me: { id: string; name: string } | null;
  /** Confirmed messages, ordered by seq. */
  messages: Message[];
  /** Sent by this tab, not yet acknowledged. */
  outbox: Outgoing[];
  members: Member[];
  hasMore: boolean;
  lastSeq: number;
  connection: Connection;
  error: string | null;
};

type Options = {
  /** Base URL of the app; defaults to the page's own origin. */
  origin?: string;
  /** Where pending messages survive a reload; sessionStorage in the browser. */
  storage?: Pick<Storage, "getItem" | "setItem" | "removeItem">;
};

const PING_EVERY_MS = 25_000;
const PONG_TIMEOUT_MS = 10_000;
const ACK_TIMEOUT_MS = 20_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30_000;

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
    hasMore: false,
    lastSeq: -1,
    connection: { status: "connecting" },
    error: null,
  };
  private readonly listeners = new Set<() => void>();
  private ws: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private ackTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private closedByUs = false;
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

  connect(): void {
    this.closedByUs = false;
    clearTimeout(this.retryTimer);
    const base = this.options.origin ?? location.origin;
    const url = new URL(`/api/rooms/${encodeURIComponent(this.roomId)}/ws`, base);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    if (this.state.lastSeq >= 0) url.searchParams.set("since", String(this.state.lastSeq));
    this.set({ connection: this.attempt === 0 ? { status: "connecting" } : this.state.connection });

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
      this.onFrame(frame);
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.stopPing();
      if (this.closedByUs) return;
      if (e.code === 1008 || e.code === 4403 || e.code === 4404) {
        this.set({
          connection: { status: "closed", reason: e.reason || "The room closed the connection" },
        });
        return;
      }
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
    this.stopPing();
    for (const t of this.ackTimers.values()) clearTimeout(t);
    this.ackTimers.clear();
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
    this.setOutbox(this.state.outbox.filter((o) => o.clientId !== clientId));
  }

  loadOlder(): void {
    const first = this.state.messages[0];
    if (!first || !this.state.hasMore) return;
    this.frame({ type: "history", before: first.seq, id: `older-${first.seq}` });
  }

  /** Sends a frame if the socket is open; returns whether it went out. */
  frame(frame: ClientFrame): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  // ── internals ────────────────────────────────────────────────────────────

  private transmit(out: Outgoing) {
    const frame: ClientFrame = { type: "send", clientId: out.clientId, text: out.text };
    if (out.replyTo !== null) frame.replyTo = out.replyTo;
    this.frame(frame); // if offline, the welcome after reconnect resends it
    clearTimeout(this.ackTimers.get(out.clientId));
    this.ackTimers.set(
      out.clientId,
      setTimeout(() => this.fail(out.clientId, "Not delivered"), ACK_TIMEOUT_MS),
    );
  }

  private fail(clientId: string, error: string) {
    this.ackTimers.delete(clientId);
    this.setOutbox(
      this.state.outbox.map((o) =>
        o.clientId === clientId ? { ...o, status: "failed", error } : o,
      ),
    );
  }

  private onFrame(frame: ServerFrame) {
    switch (frame.type) {
      case "welcome": {
        this.attempt = 0;
        const snapshot = frame.mode === "snapshot";
        this.set({
          room: frame.room,
          me: frame.me,
          members: frame.members,
          messages: snapshot ? frame.messages : this.state.messages,
          hasMore: snapshot ? frame.hasMore : this.state.hasMore,
          lastSeq: snapshot ? frame.lastSeq : this.state.lastSeq,
          connection: { status: "open" },
          error: null,
        });
        this.startPing();
        for (const out of this.state.outbox) if (out.status === "pending") this.transmit(out);
        return;
      }
      case "ack": {
        clearTimeout(this.ackTimers.get(frame.clientId));
        this.ackTimers.delete(frame.clientId);
        // The message event (to everyone, us included) carries the content; drop it from the outbox
        // once that event is in, or now if we already have it.
        if (this.state.messages.some((m) => m.seq === frame.seq)) {
          this.setOutbox(this.state.outbox.filter((o) => o.clientId !== frame.clientId));
        }
        return;
      }
      case "history": {
        const known = new Set(this.state.messages.map((m) => m.seq));
        const older = frame.messages.filter((m) => !known.has(m.seq));
        this.set({ messages: [...older, ...this.state.messages], hasMore: frame.hasMore });
        return;
      }
      case "presence": {
        const others = this.state.members.filter((m) => m.id !== frame.member.id);
        this.set({ members: frame.op === "leave" ? others : [...others, frame.member] });
        return;
      }
      case "error": {
        if (frame.ref && this.state.outbox.some((o) => o.clientId === frame.ref)) {
          if (frame.code === "rate_limited" && frame.retryAfter) {
            const out = this.state.outbox.find((o) => o.clientId === frame.ref);
            setTimeout(() => out && this.transmit(out), frame.retryAfter);
            return;
          }
          this.fail(frame.ref, frame.message);
          return;
        }
        this.set({ error: frame.message });
        return;
      }
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

  private applyEvent(event: RoomEvent) {
    if (event.seq <= this.state.lastSeq) return; // already have it
    if (this.state.lastSeq >= 0 && event.seq !== this.state.lastSeq + 1) {
      // A gap should never happen on one socket; resync rather than show a hole.
      this.frame({ type: "sync", since: this.state.lastSeq });
      return;
    }
    let { messages, outbox, room } = this.state;
    switch (event.type) {
      case "message":
        messages = [...messages, event.message];
        outbox = outbox.filter((o) => o.clientId !== event.message.clientId);
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
    this.set({ messages, outbox, room, lastSeq: event.seq });
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
    for (const l of this.listeners) l();
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

/** Full-jitter exponential backoff. */
export function backoff(attempt: number, random = Math.random): number {
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
