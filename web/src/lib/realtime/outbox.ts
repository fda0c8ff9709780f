import type { ClientFrame } from "../../../../protocol";
import { LIMITS } from "../../../../protocol/limits";
import type { Outgoing } from "./state";

/** No ack within this long on an open socket: the post is shown as failed. */
export const ACK_TIMEOUT_MS = 15_000;

/** Unsent posts are kept under `<prefix><userId>:<roomId>`: never sent as another user. */
export const OUTBOX_KEY_PREFIX = "parley:outbox:";

export function outboxKey(userId: string, roomId: string): string {
  return `${OUTBOX_KEY_PREFIX}${userId}:${roomId}`;
}

export type OutboxStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

type Deps = {
  /** Sends a frame if the socket is open; returns whether it went out. */
  send(frame: ClientFrame): boolean;
  /** The posts still waiting, as the state has them now. */
  pending(): Outgoing[];
  /** No ack came in time. */
  timedOut(clientId: string): void;
};

/** Reads the posts a reload interrupted; they come back pending. */
export function loadOutbox(storage: OutboxStorage | undefined, key: string): Outgoing[] {
  const saved = storage?.getItem(key);
  if (!saved) return [];
  try {
    return (JSON.parse(saved) as Outgoing[]).map((o) => ({ ...o, status: "pending" as const }));
  } catch {
    storage?.removeItem(key);
    return [];
  }
}

export function saveOutbox(storage: OutboxStorage | undefined, key: string, outbox: Outgoing[]) {
  if (!storage) return;
  if (outbox.length === 0) storage.removeItem(key);
  else storage.setItem(key, JSON.stringify(outbox));
}

export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The sending side of the outbox: puts posts on the socket, waits for their acks, resends what
 * was pending after a reconnect within the room's send budget, and waits out rate limits. The
 * posts themselves live in the state (the reducer adds and clears them).
 */
export class OutboxSender {
  private ackTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Posts still to resend after the last welcome, and the timer pacing them. */
  private queue: Outgoing[] = [];
  private queueTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: Deps) {}

  /** Sends one post now; offline it stays pending and the next welcome resends it. */
  transmit(out: Outgoing): void {
    const frame: ClientFrame = { type: "send", clientId: out.clientId, text: out.text };
    if (out.replyTo !== null) frame.replyTo = out.replyTo;
    if (!this.deps.send(frame)) return;
    this.wait(out.clientId, ACK_TIMEOUT_MS, () => {
      this.ackTimers.delete(out.clientId);
      this.deps.timedOut(out.clientId);
    });
  }

  /** The server answered for this post (ack or refusal). */
  settled(clientId: string): void {
    clearTimeout(this.ackTimers.get(clientId));
    this.ackTimers.delete(clientId);
  }

  /** Rate limited: the same post goes again once the budget allows. */
  resendAfter(clientId: string, after: number): void {
    this.wait(clientId, after, () => {
      const out = this.deps.pending().find((o) => o.clientId === clientId);
      if (out) this.transmit(out);
    });
  }

  /**
   * After a welcome: every pending post again, oldest first, with the same clientId (the server
   * de-duplicates): a burst now, then at the refill rate, so a long outbox is not refused (or
   * closed) for flooding.
   */
  resendAll(): void {
    this.queue = this.deps.pending().filter((o) => o.status === "pending");
    this.flush(LIMITS.sendBurst);
  }

  /** A dropped socket is not a failed send: those stay pending until the next welcome. */
  pause(): void {
    for (const t of this.ackTimers.values()) clearTimeout(t);
    this.ackTimers.clear();
    clearTimeout(this.queueTimer);
    this.queue = [];
  }

  private flush(count: number) {
    clearTimeout(this.queueTimer);
    const pending = this.deps.pending();
    for (const out of this.queue.splice(0, count)) {
      if (pending.some((o) => o.clientId === out.clientId && o.status === "pending")) {
        this.transmit(out);
      }
    }
    if (this.queue.length > 0) {
      this.queueTimer = setTimeout(() => this.flush(LIMITS.sendPerSecond), 1000);
    }
  }

  private wait(clientId: string, ms: number, then: () => void) {
    clearTimeout(this.ackTimers.get(clientId));
    this.ackTimers.set(clientId, setTimeout(then, ms));
  }
}
