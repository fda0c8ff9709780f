import type { ClientFrame, Message, PresenceStatus, SingleServerFrame } from "../../../../protocol";
import { LIMITS } from "../../../../protocol/limits";
import type { EarlySocket } from "./early-socket";
import { checkRoom, socketUrl } from "./endpoints";
import { loadOutbox, newClientId, OutboxSender, type OutboxStorage, saveOutbox } from "./outbox";
import { Queries } from "./queries";
import { reduceAll } from "./reducer";
import { hydrate, type RoomSnapshot } from "./snapshot";
import {
  type Effect,
  expireTyping,
  FEATURE_NAMES,
  failOutgoing,
  initialState,
  type Outgoing,
  type RoomState,
  supports,
} from "./state";
import { type SocketLike, Transport } from "./transport";

type Options = {
  /** Base URL of the app; defaults to the page's own origin. */
  origin?: string;
  /** Where pending messages survive a reload; sessionStorage in the browser. */
  storage?: OutboxStorage;
  /** The key they are kept under (per user: `outboxKey()`); one per room by default. */
  outboxKey?: string;
  /** What the last visit left (the cache): shown at once, then caught up from its seq. */
  snapshot?: RoomSnapshot | null;
  /** Extra query parameters for the socket URL (e.g. a private room's invite token). */
  params?: Record<string, string>;
  /** Opens a socket; the browser's WebSocket by default (tests pass a fake). */
  openSocket?: (url: string) => SocketLike;
};

/**
 * One room's live connection, composed of layers: the transport (socket, backoff, keep-alive),
 * the reducer (frames to state), the outbox sender and the queries (history, search). It
 * catches up from the last seq it saw (nothing missed, nothing twice) and resends optimistic
 * posts with the same clientId after a reconnect or reload. No React in here.
 */
export class RoomClient {
  private state: RoomState;
  private readonly listeners = new Set<() => void>();
  private readonly messageListeners = new Set<(m: Message) => void>();
  private readonly storageKey: string;
  private readonly origin: string;
  private readonly transport: Transport;
  private readonly outbox: OutboxSender;
  private readonly queries: Queries;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private lastTypingSent = 0;
  private status: PresenceStatus = "online";
  private readSent = -1;
  /** The current socket was welcomed: posts go out only then, so each goes out once. */
  private welcomed = false;
  /** Some socket of this client was welcomed: the room exists and admits us. */
  private everWelcomed = false;

  constructor(
    readonly roomId: string,
    private readonly options: Options = {},
  ) {
    this.storageKey = options.outboxKey ?? `parley:outbox:${roomId}`;
    this.origin = options.origin ?? location.origin;
    const outbox = loadOutbox(options.storage, this.storageKey);
    this.state = options.snapshot ? hydrate(options.snapshot, outbox) : initialState(outbox);
    this.transport = new Transport(
      {
        url: () => this.socketUrl(),
        open: options.openSocket,
      },
      {
        frames: (frames) => this.apply(frames),
        connecting: (attempt) => {
          if (attempt === 0) this.set({ connection: { status: "connecting" } });
        },
        reconnecting: (retryAt, attempt) => {
          this.set({ connection: { status: "reconnecting", retryAt, attempt } });
          // Never welcomed: the upgrade itself failed. A room that doesn't exist (or no longer
          // admits us, whatever the cache says) looks the same from here, so ask over HTTP
          // before retrying forever.
          if (!this.everWelcomed) void this.checkRoom();
        },
        closed: (code, reason) => this.set({ connection: { status: "closed", code, reason } }),
        dropped: () => {
          this.welcomed = false;
          this.outbox.pause();
        },
      },
    );
    this.outbox = new OutboxSender({
      send: (frame) => this.welcomed && this.frame(frame),
      pending: () => this.state.outbox,
      timedOut: (clientId) => this.commit(failOutgoing(this.state, clientId, "Not delivered")),
    });
    this.queries = new Queries({
      state: () => this.state,
      update: (patch) => this.set(patch),
      send: (frame) => this.frame(frame),
    });
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

  /**
   * Opens the connection; `early` is a socket the page opened before this client existed,
   * taken over when it asked for exactly what this client would (same room, same `since`).
   */
  connect(early?: EarlySocket | null): void {
    const url = this.socketUrl();
    const adopt = !!early && early.url === url && early.take();
    if (early && !adopt) early.close(1000, "unused");
    this.transport.connect(adopt ? (early ?? undefined) : undefined);
  }

  /** Before connecting: start from what the last visit left (read from the cache late). */
  hydrate(snapshot: RoomSnapshot): void {
    if (this.state.room !== null || this.state.lastSeq >= 0) return;
    this.commit(hydrate(snapshot, this.state.outbox));
  }

  /** Whether this client's socket was ever welcomed (its state is the server's, not a cache's). */
  get confirmed(): boolean {
    return this.everWelcomed;
  }

  /** Reconnect now instead of waiting for the backoff. */
  retryNow(): void {
    this.transport.retryNow();
  }

  close(): void {
    clearTimeout(this.typingTimer);
    this.queries.stop();
    this.transport.stop();
  }

  send(text: string, replyTo: number | null = null): string {
    const clientId = newClientId();
    const out: Outgoing = { clientId, text, replyTo, createdAt: Date.now(), status: "pending" };
    this.set({ outbox: [...this.state.outbox, out] });
    this.outbox.transmit(out);
    return clientId;
  }

  retry(clientId: string): void {
    const out = this.state.outbox.find((o) => o.clientId === clientId);
    if (!out) return;
    const again: Outgoing = { ...out, status: "pending" };
    delete again.error;
    this.set({ outbox: this.state.outbox.map((o) => (o.clientId === clientId ? again : o)) });
    this.outbox.transmit(again);
  }

  discard(clientId: string): void {
    this.outbox.settled(clientId);
    this.set({ outbox: this.state.outbox.filter((o) => o.clientId !== clientId) });
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
    this.queries.loadOlder(limit);
  }

  search(q: string): void {
    this.queries.search(q);
  }

  clearSearch(): void {
    this.set({ search: null });
  }

  /** Shows an error from outside the socket (e.g. a failed HTTP action) in the same place. */
  showError(message: string): void {
    this.set({ error: message, errorCode: null });
  }

  dismissError(): void {
    this.set({ error: null, errorCode: null });
  }

  supports(type: ClientFrame["type"]): boolean {
    return supports(this.state.features, type);
  }

  /** Sends a frame if the socket is open; returns whether it went out. */
  frame(frame: ClientFrame): boolean {
    return this.transport.send(JSON.stringify(frame));
  }

  // ── internals ────────────────────────────────────────────────────────────

  /** A user action that needs the socket: says so when it cannot go out. */
  private action(frame: ClientFrame): boolean {
    if (!this.supports(frame.type)) {
      this.showError(`${FEATURE_NAMES[frame.type] ?? frame.type} isn't available yet.`);
      return false;
    }
    if (this.frame(frame)) return true;
    this.showError("You're offline. Try again once the connection is back.");
    return false;
  }

  /** Frames from one socket message (a batch's, or one): reduced in order, one notification. */
  private apply(frames: SingleServerFrame[]) {
    const { state, effects } = reduceAll(this.state, frames, Date.now());
    this.commit(state);
    for (const effect of effects) this.run(effect);
    if (frames.some((f) => f.type === "typing")) this.scheduleTypingExpiry();
  }

  private run(effect: Effect) {
    switch (effect.kind) {
      case "welcomed":
        this.welcomed = true;
        this.everWelcomed = true;
        this.transport.welcomed();
        if (this.status !== "online" && this.supports("status")) {
          this.frame({ type: "status", status: this.status });
        }
        this.outbox.resendAll();
        return;
      case "sync":
        this.frame({ type: "sync", since: effect.since });
        return;
      case "live":
        for (const l of this.messageListeners) l(effect.message);
        return;
      case "settled":
        this.outbox.settled(effect.clientId);
        return;
      case "resend":
        this.outbox.resendAfter(effect.clientId, effect.after);
        return;
      case "retry-history":
        this.queries.retryHistory(effect.after);
        return;
      case "pong":
        this.transport.pong();
        return;
    }
  }

  private scheduleTypingExpiry() {
    clearTimeout(this.typingTimer);
    const next = Math.min(...this.state.typing.map((t) => t.until));
    if (!Number.isFinite(next)) return;
    this.typingTimer = setTimeout(
      () => {
        this.commit(expireTyping(this.state, Date.now()));
        this.scheduleTypingExpiry();
      },
      Math.max(50, next - Date.now()),
    );
  }

  private socketUrl(): string {
    return socketUrl(this.origin, this.roomId, this.options.params ?? {}, this.state.lastSeq);
  }

  /** A refused upgrade is invisible to the page: ask over HTTP why, with the same invite. */
  private async checkRoom() {
    const reason = await checkRoom(this.origin, this.roomId, this.options.params ?? {});
    if (!reason) return;
    this.close();
    this.set({ connection: { status: "closed", code: null, reason } });
  }

  private set(patch: Partial<RoomState>) {
    this.commit({ ...this.state, ...patch });
  }

  /** The one place state changes: persists the outbox when it changed, then notifies. */
  private commit(next: RoomState) {
    if (next === this.state) return;
    if (next.outbox !== this.state.outbox)
      saveOutbox(this.options.storage, this.storageKey, next.outbox);
    this.state = next;
    for (const l of this.listeners) l();
  }
}
