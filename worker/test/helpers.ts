import { exports } from "cloudflare:workers";
import type { CreateRoomBody, MeBody, ServerFrame, SingleServerFrame } from "../../protocol";

export const ORIGIN = "http://parley.test";

export function api(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
}

export function json(body: unknown, cookie?: string): RequestInit {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (cookie) headers.cookie = cookie;
  return { method: "POST", headers, body: JSON.stringify(body) };
}

/** A fresh guest session; returns the cookie to send and who it is. */
export async function guest(name = "Ana"): Promise<{ cookie: string; me: MeBody["user"] }> {
  const res = await api("/api/auth/guest", json({ name }));
  if (res.status !== 201) throw new Error(`guest: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const body = (await res.json()) as MeBody;
  return { cookie, me: body.user };
}

export async function createRoom(cookie: string, name = "Test room"): Promise<string> {
  const res = await api("/api/rooms", json({ name }, cookie));
  if (res.status !== 201) throw new Error(`create room: ${res.status} ${await res.text()}`);
  return ((await res.json()) as CreateRoomBody).room.id;
}

/**
 * A test socket that records every frame and can wait for one matching a predicate. The frames
 * of a `batch` are recorded one by one, in order; `messages` keeps each socket message's type
 * (what came on the wire).
 */
export class TestSocket {
  readonly frames: SingleServerFrame[] = [];
  readonly messages: { type: ServerFrame["type"]; frames: number }[] = [];
  private waiters: {
    pred: (f: SingleServerFrame) => boolean;
    resolve: (f: SingleServerFrame) => void;
  }[] = [];
  closed: { code: number; reason: string } | null = null;

  constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (e) => {
      const parsed = JSON.parse(e.data as string) as ServerFrame;
      const frames = parsed.type === "batch" ? parsed.frames : [parsed];
      this.messages.push({ type: parsed.type, frames: frames.length });
      for (const frame of frames) {
        this.frames.push(frame);
        this.waiters = this.waiters.filter((w) => {
          if (!w.pred(frame)) return true;
          w.resolve(frame);
          return false;
        });
      }
    });
    ws.addEventListener("close", (e) => {
      this.closed = { code: e.code, reason: e.reason };
    });
  }

  send(frame: unknown) {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Resolves with the first frame (already received or future) matching `pred`. */
  next<T extends SingleServerFrame["type"]>(
    type: T,
    pred: (f: Extract<SingleServerFrame, { type: T }>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Extract<SingleServerFrame, { type: T }>> {
    const match = (f: SingleServerFrame) =>
      f.type === type && pred(f as Extract<SingleServerFrame, { type: T }>);
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen as Extract<SingleServerFrame, { type: T }>);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}`)), timeoutMs);
      this.waiters.push({
        pred: match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f as Extract<SingleServerFrame, { type: T }>);
        },
      });
    });
  }

  of<T extends SingleServerFrame["type"]>(type: T): Extract<SingleServerFrame, { type: T }>[] {
    return this.frames.filter((f) => f.type === type) as Extract<SingleServerFrame, { type: T }>[];
  }
}

export async function connect(
  roomId: string,
  cookie: string,
  opts: { since?: number; origin?: string; invite?: string; batch?: boolean } = {},
): Promise<TestSocket> {
  const params = new URLSearchParams();
  if (opts.since !== undefined) params.set("since", String(opts.since));
  if (opts.batch) params.set("batch", "1");
  if (opts.invite !== undefined) params.set("invite", opts.invite);
  const qs = params.size ? `?${params}` : "";
  const res = await api(`/api/rooms/${roomId}/ws${qs}`, {
    headers: { Upgrade: "websocket", cookie, Origin: opts.origin ?? ORIGIN },
  });
  const ws = res.webSocket;
  if (!ws) throw new Error(`upgrade failed: ${res.status} ${await res.text()}`);
  ws.accept();
  const socket = new TestSocket(ws);
  await socket.next("welcome");
  return socket;
}
