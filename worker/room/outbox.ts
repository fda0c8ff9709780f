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
    // Most sockets get exactly the broadcasts (no ack, no frame of their own, skipped by none):
    // they share one serialised list and one set of batch frames.
    const broadcasts = entries.filter((e) => e.to === null).map((e) => e.text as string);
    let shared: string[] | null = null;
    let messages = 0;
    for (const ws of this.sockets()) {
      const own = framesFor(entries, ws);
      const texts = own ?? broadcasts;
      if (texts.length === 0) continue;
      if (texts.length === 1 || !this.batches(ws)) {
        for (const text of texts) messages += send(ws, text);
        continue;
      }
      let batch: string[];
      if (own) batch = batchTexts(own);
      else {
        shared ??= batchTexts(broadcasts);
        batch = shared;
      }
      for (const text of batch) messages += send(ws, text);
    }
    return messages;
  }
}

/** The frames `ws` gets, or null when that is exactly every broadcast (the common case). */
function framesFor(entries: Entry[], ws: WebSocket): string[] | null {
  let texts: string[] | null = null;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as Entry;
    const gets = e.to !== null ? e.to === ws : !e.skip?.(ws);
    const broadcastGot = e.to === null && gets;
    // Still the same as "every broadcast so far": nothing to build for this socket yet.
    if (texts === null && (broadcastGot || (e.to !== null && !gets))) continue;
    if (texts === null) {
      // The first difference: copy the broadcasts this socket got before it.
      texts = [];
      for (let j = 0; j < i; j++) {
        const b = entries[j] as Entry;
        if (b.to === null) texts.push(b.text as string);
      }
    }
    if (gets) texts.push(e.text as string);
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
