import type { ServerFrame } from "../../protocol/index";
import { connectionOf } from "./connection";
import { Flusher } from "./flusher";
import { type Entry, Outbox } from "./outbox";

/**
 * How the room's frames leave: each is serialised once into the outbox (room/outbox.ts) and goes
 * out at the next flush, which the flusher times (room/flusher.ts). `flush` is what the room does
 * at each one (store queued sends, then send the outbox).
 */
export class RoomSender {
  readonly outbox: Outbox;
  private readonly flusher: Flusher;
  /** Whether each socket takes `batch` frames (from its attachment, read once per socket). */
  private readonly batching = new WeakMap<WebSocket, boolean>();

  constructor(
    ctx: DurableObjectState,
    flush: (lateMs: number) => void,
    /** A flush's commit landed, `ms` after the flush. */
    landed: (ms: number) => void,
  ) {
    this.outbox = new Outbox(
      () => ctx.getWebSockets(),
      (ws) => this.batches(ws),
    );
    this.flusher = new Flusher(flush, landed);
  }

  /** Queues a frame for one socket. */
  send(ws: WebSocket, frame: ServerFrame): void {
    this.outbox.to(ws, JSON.stringify(frame));
    this.flusher.kick();
  }

  /** Queues a frame for every socket that `skip` does not pick. */
  broadcast(frame: ServerFrame, skip?: (ws: WebSocket) => boolean): void {
    this.outbox.broadcast(JSON.stringify(frame), skip ?? null);
    this.flusher.kick();
  }

  /**
   * Places for a send's ack (to its socket) and its message (to everyone), in order among the
   * frames gathered meanwhile; they get their text when the send is stored.
   */
  reserve(ws: WebSocket, now: number): { ack: Entry; event: Entry } {
    const slots = { ack: this.outbox.to(ws, null), event: this.outbox.broadcast(null) };
    this.flusher.kick(now);
    return slots;
  }

  /**
   * The flush that is running wrote: until these writes are durable the runtime holds every frame
   * sent after them, so the next flush waits for them and gathers meanwhile (room/flusher.ts).
   */
  afterCommit(durable: Promise<void>): void {
    this.flusher.after(durable);
  }

  /** Flushes at once: what was gathered goes out before a welcome or a close. */
  flushNow(): void {
    this.flusher.now();
  }

  /** A socket just accepted, whose batch setting is known. */
  accepted(ws: WebSocket, batch: boolean): void {
    this.batching.set(ws, batch);
  }

  private batches(ws: WebSocket): boolean {
    let batch = this.batching.get(ws);
    if (batch === undefined) {
      batch = connectionOf(ws)?.batch === true;
      this.batching.set(ws, batch);
    }
    return batch;
  }
}
