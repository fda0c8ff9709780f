import { LIMITS } from "../../protocol/index";

/**
 * One serialised frame and who gets it: one socket, or everyone `skip` does not pick. A slot
 * (room.ts: a send's ack and broadcast) keeps its place in the order and gets its text when the
 * send is stored; a slot still empty at the flush is dropped.
 */
export type Entry = {
  text: string | null;
  to: WebSocket | null;
  skip: ((ws: WebSocket) => boolean) | null;
};

const encoder = new TextEncoder();

/**
 * The room's outgoing frames, gathered until the next flush and then sent as one socket message
 * per socket: a `batch` frame to clients that asked for it (protocol/frames.ts), the frames one by
 * one to the others. The runtime's cost is mostly per socket message, not per byte, so a busy
 * room pays it once per flush instead of once per event. Each frame is serialised once; sockets
 * that get exactly the broadcasts share one string.
 *
 * Order is kept per socket: a socket gets its frames in the order they were added.
 */
export class Outbox {
  private entries: Entry[] = [];

  constructor(
    private readonly sockets: () => WebSocket[],
    /** Whether the socket understands `batch` frames (its connection said so). */
    private readonly batches: (ws: WebSocket) => boolean,
  ) {}

  get empty(): boolean {
    return this.entries.length === 0;
  }

  broadcast(text: string | null, skip: ((ws: WebSocket) => boolean) | null = null): Entry {
    const entry = { text, to: null, skip };
    this.entries.push(entry);
    return entry;
  }

  to(ws: WebSocket, text: string | null): Entry {
    const entry = { text, to: ws, skip: null };
    this.entries.push(entry);
    return entry;
  }

  /** Sends everything gathered; returns the number of socket messages sent. */
  flush(): number {
    const entries = this.entries.filter((e) => e.text !== null);
    this.entries = [];
    if (entries.length === 0) return 0;
    const plain = entries.every((e) => e.to === null && e.skip === null);
    const everything = plain ? entries.map((e) => e.text as string) : null;
    let shared: string[] | null = null;
    let messages = 0;
    for (const ws of this.sockets()) {
      const texts = everything ?? framesFor(entries, ws);
      if (texts.length === 0) continue;
      if (texts.length === 1 || !this.batches(ws)) {
        for (const text of texts) messages += send(ws, text);
        continue;
      }
      if (everything && !shared) shared = batchTexts(texts);
      const batch = everything && shared ? shared : batchTexts(texts);
      for (const text of batch) messages += send(ws, text);
    }
    return messages;
  }
}

function framesFor(entries: Entry[], ws: WebSocket): string[] {
  const texts: string[] = [];
  for (const e of entries) {
    if (e.to !== null ? e.to === ws : !e.skip?.(ws)) texts.push(e.text as string);
  }
  return texts;
}

/**
 * `texts` (serialised frames) as few `batch` frames as fit LIMITS.maxServerFrameBytes, in order;
 * a frame that is too big on its own is sent on its own.
 */
export function batchTexts(texts: string[]): string[] {
  const out: string[] = [];
  let group: string[] = [];
  let bytes = 0;
  const close = () => {
    if (group.length === 1) out.push(group[0] as string);
    else if (group.length > 1) out.push(`{"type":"batch","frames":[${group.join(",")}]}`);
    group = [];
    bytes = 0;
  };
  for (const text of texts) {
    // UTF-16 length × 3 bounds the UTF-8 length; encode only when that bound is not enough.
    const size = text.length * 3 <= 4096 ? text.length * 3 : encoder.encode(text).length;
    if (group.length > 0 && bytes + size + 64 > LIMITS.maxServerFrameBytes) close();
    group.push(text);
    bytes += size + 1;
  }
  close();
  return out;
}

function send(ws: WebSocket, text: string): number {
  try {
    ws.send(text);
    return 1;
  } catch {
    return 0; // closed under us: its close event cleans up
  }
}
