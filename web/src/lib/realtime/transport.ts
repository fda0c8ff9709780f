import type { ServerFrame, SingleServerFrame } from "../../../../protocol";
import {
  CLOSE_BANNED,
  CLOSE_KICKED,
  CLOSE_LEFT,
  CLOSE_NO_PONG,
  CLOSE_POLICY,
  CLOSE_SIGNED_OUT,
} from "../../../../protocol/close-codes";
import { PING_FRAME } from "../../../../protocol/limits";

const PING_EVERY_MS = 25_000;
const PONG_TIMEOUT_MS = 10_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30_000;

/** Close codes after which reconnecting would be wrong, and why. */
const FINAL_CLOSES: Record<number, string> = {
  [CLOSE_POLICY]:
    "The connection was closed for breaking the room's rules (too many bad or fast frames).",
  [CLOSE_KICKED]: "The room's owner removed you from this room.",
  [CLOSE_BANNED]: "The room's owner banned you from this room.",
  [CLOSE_SIGNED_OUT]: "You signed out.",
  [CLOSE_LEFT]: "You left this room.",
};

/** The part of a browser WebSocket the transport uses (tests pass a fake). */
export type SocketLike = {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  onclose: ((e: { code: number; reason: string }) => void) | null;
};

const OPEN = 1;

type TransportEvents = {
  /** Frames from one socket message, in order. */
  /** Frames to apply together (a `batch` frame's, or one): the client renders once for them. */
  frames(frames: SingleServerFrame[]): void;
  /** A connect attempt starts; `attempt` is 0 for the first one after a welcome. */
  connecting(attempt: number): void;
  /** The socket dropped and a reconnect is scheduled at `retryAt`. */
  reconnecting(retryAt: number, attempt: number): void;
  /** The server ended the connection for good (never retried); `reason` is a sentence. */
  closed(code: number, reason: string): void;
  /** The socket is gone (any reason, ours included): in-flight work must pause. */
  dropped(): void;
};

type TransportOptions = {
  /** The socket URL for the next attempt (it carries `since`, which changes between attempts). */
  url(): string;
  /** Opens a socket; the browser's WebSocket by default. */
  open?: (url: string) => SocketLike;
};

/** Whether a close code means "do not come back" (policy, owner's removal, 44xx), and why. */
export function finalClose(code: number, reason: string): string | null {
  const known = FINAL_CLOSES[code];
  if (known) return known;
  if (code >= 4400 && code < 4500) return reason || "The room closed the connection.";
  return null;
}

/** Exponential backoff with jitter: between half and all of the capped exponential delay. */
export function backoff(attempt: number, random = Math.random): number {
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/**
 * One room's socket over time: connects, parses frames, keeps the connection alive with pings,
 * and reconnects with backoff after any close that is not final. Knows nothing of rooms.
 */
export class Transport {
  private ws: SocketLike | null = null;
  private attempt = 0;
  private stopped = true;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly options: TransportOptions,
    private readonly on: TransportEvents,
  ) {}

  get isOpen(): boolean {
    return this.ws?.readyState === OPEN;
  }

  /** Connects: through `adopted` when given (a socket already opened at `url()`). */
  connect(adopted?: SocketLike): void {
    this.stopped = false;
    clearTimeout(this.retryTimer);
    this.on.connecting(this.attempt);
    const open = this.options.open ?? ((url: string) => new WebSocket(url) as SocketLike);
    const ws = adopted ?? open(this.options.url());
    this.ws = ws;
    ws.onmessage = (e) => {
      if (this.ws !== ws || typeof e.data !== "string") return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(e.data) as ServerFrame;
      } catch {
        return;
      }
      this.on.frames(frame.type === "batch" ? frame.frames : [frame]);
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.stopPing();
      this.on.dropped();
      if (this.stopped) return;
      const final = finalClose(e.code, e.reason);
      if (final) this.on.closed(e.code, final);
      else this.scheduleReconnect();
    };
  }

  /** The room welcomed us: the connection is good, so the next drop starts the backoff over. */
  welcomed(): void {
    this.attempt = 0;
    this.startPing();
  }

  pong(): void {
    clearTimeout(this.pongTimer);
  }

  /** Reconnect now instead of waiting for the backoff. */
  retryNow(): void {
    if (this.ws) return;
    this.attempt = Math.max(this.attempt, 1);
    this.connect();
  }

  /** Sends a frame if the socket is open; returns whether it went out. */
  send(data: string): boolean {
    if (!this.ws || this.ws.readyState !== OPEN) return false;
    this.ws.send(data);
    return true;
  }

  /** Closes for good (the page left, or the room turned out not to admit us). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.stopPing();
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.close(1000, "bye");
      this.on.dropped();
    }
  }

  private scheduleReconnect() {
    this.attempt += 1;
    const delay = backoff(this.attempt);
    this.on.reconnecting(Date.now() + delay, this.attempt);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private startPing() {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      if (!this.send(PING_FRAME)) return;
      clearTimeout(this.pongTimer);
      // No pong: the connection is dead without a close event (sleep, network change).
      this.pongTimer = setTimeout(
        () => this.ws?.close(CLOSE_NO_PONG, "ping timeout"),
        PONG_TIMEOUT_MS,
      );
    }, PING_EVERY_MS);
  }

  private stopPing() {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
  }
}
