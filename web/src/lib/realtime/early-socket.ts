import type { SocketLike } from "./transport";

type Handlers = Pick<SocketLike, "onmessage" | "onclose">;
type Event =
  | { kind: "message"; e: { data: unknown } }
  | { kind: "close"; e: { code: number; reason: string } };

/**
 * A socket opened before anyone listens to it (the page's first script opens the room's socket
 * while the app's code is still loading). It keeps what arrives until the room client takes it
 * over, then hands that over in order, as if the client had opened it itself.
 */
export class EarlySocket implements SocketLike {
  private readonly buffered: Event[] = [];
  private readonly handlers: Handlers = { onmessage: null, onclose: null };
  private flushing = false;
  private taken = false;

  constructor(
    readonly url: string,
    private readonly ws: SocketLike,
  ) {
    ws.onmessage = (e) => this.deliver({ kind: "message", e });
    ws.onclose = (e) => this.deliver({ kind: "close", e });
  }

  /** Whether this socket can still be taken over: the first taker of an open socket gets it. */
  take(): boolean {
    if (this.taken || this.ws.readyState > 1) return false;
    this.taken = true;
    return true;
  }

  get readyState(): number {
    return this.ws.readyState;
  }

  send(data: string): void {
    this.ws.send(data);
  }

  close(code?: number, reason?: string): void {
    this.ws.close(code, reason);
  }

  get onmessage() {
    return this.handlers.onmessage;
  }

  set onmessage(f: SocketLike["onmessage"]) {
    this.handlers.onmessage = f;
    this.scheduleFlush();
  }

  get onclose() {
    return this.handlers.onclose;
  }

  set onclose(f: SocketLike["onclose"]) {
    this.handlers.onclose = f;
    this.scheduleFlush();
  }

  private deliver(event: Event) {
    this.buffered.push(event);
    if (!this.flushing) this.flush();
  }

  /** The client sets both handlers in one go: replay after it has, never in between. */
  private scheduleFlush() {
    if (this.flushing) return;
    this.flushing = true;
    queueMicrotask(() => {
      this.flushing = false;
      this.flush();
    });
  }

  private flush() {
    const { onmessage, onclose } = this.handlers;
    if (!onmessage || !onclose) return;
    while (this.buffered.length > 0) {
      const event = this.buffered.shift();
      if (event?.kind === "message") onmessage(event.e);
      else if (event?.kind === "close") onclose(event.e);
    }
  }
}
