import { afterEach, beforeEach, vi } from "vitest";
import type { Message, ServerFrame, SingleServerFrame } from "../../protocol";
import type { SocketLike } from "../src/lib/realtime/transport";

/** A WebSocket stand-in: records what the client sends, lets a test play the server. */
export class FakeSocket implements SocketLike {
  /** CONNECTING until the test opens it (or the server's first frame arrives). */
  readyState = 0;
  sent: string[] = [];
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error("send on a closed socket");
    this.sent.push(data);
  }

  close(code = 1000, reason = ""): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  /** The upgrade succeeded (the welcome is still on its way). */
  open(): void {
    if (this.readyState === 0) this.readyState = 1;
  }

  /** The server sends frames, each as its own socket message. */
  receive(...frames: ServerFrame[]): void {
    this.open();
    for (const f of frames) this.onmessage?.({ data: JSON.stringify(f) });
  }

  /** What the client sent, parsed, optionally only frames of one type. */
  frames(type?: string): Record<string, unknown>[] {
    const all = this.sent.map((s) => JSON.parse(s) as Record<string, unknown>);
    return type ? all.filter((f) => f.type === type) : all;
  }
}

/** Every socket a test's client opened, newest last. */
export function socketFactory() {
  const sockets: FakeSocket[] = [];
  const open = (url: string) => {
    const s = new FakeSocket(url);
    sockets.push(s);
    return s;
  };
  const last = () => {
    const s = sockets.at(-1);
    if (!s) throw new Error("no socket opened");
    return s;
  };
  return { sockets, open, last };
}

export function message(seq: number, over: Partial<Message> = {}): Message {
  return {
    seq,
    clientId: null,
    author: { id: "user-other", name: "Other" },
    text: `post ${seq}`,
    createdAt: 1_000 + seq,
    replyTo: null,
    editedAt: null,
    deleted: false,
    reactions: [],
    ...over,
  };
}

const ALL_FEATURES = [
  "send",
  "edit",
  "delete",
  "react",
  "typing",
  "status",
  "history",
  "sync",
  "search",
  "topic",
  "read",
  "ping",
] as const;

export function welcome(over: Partial<Extract<ServerFrame, { type: "welcome" }>> = {}) {
  const messages = over.messages ?? [];
  return {
    type: "welcome",
    protocol: 1,
    room: {
      id: "room-1",
      name: "Room",
      topic: "",
      visibility: "public",
      ownerId: null,
      createdAt: 0,
    },
    me: { id: "user-me", name: "Me", connectionId: "c1" },
    lastSeq: messages.at(-1)?.seq ?? 0,
    mode: "snapshot",
    messages,
    hasMore: false,
    members: [],
    features: [...ALL_FEATURES],
    ...over,
  } satisfies ServerFrame;
}

/** A message event for `m`. */
export function event(m: Message): SingleServerFrame {
  return { type: "message", seq: m.seq, message: m };
}

/** A storage stand-in (sessionStorage). */
export function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

/** Fake timers for every test of the file, and no jitter in the reconnect backoff. */
export function fakeClockPerTest() {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
}
