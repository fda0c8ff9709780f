// Fills rooms fast without a browser: guests over plain HTTP and WebSockets, honouring rate limits.
import type { ServerFrame } from "../protocol/index.ts";

/** A guest session cookie, straight from the API. */
export async function guestCookie(baseURL: string, name: string): Promise<string> {
  const res = await fetch(`${baseURL}/api/auth/guest`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseURL },
    body: JSON.stringify({ name }),
  });
  if (!res.ok) throw new Error(`guest sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (!cookie) throw new Error("no session cookie");
  return cookie;
}

export async function createRoom(baseURL: string, cookie: string, name: string): Promise<string> {
  const res = await fetch(`${baseURL}/api/rooms`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: baseURL },
    body: JSON.stringify({ name }),
  });
  if (!res.ok) throw new Error(`create room failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { room: { id: string } };
  return body.room.id;
}

/** Opens a socket as the cookie's user and waits for the welcome. */
export async function openSocket(baseURL: string, cookie: string, roomId: string, invite?: string) {
  const query = invite ? `?invite=${encodeURIComponent(invite)}` : "";
  const url = `${baseURL.replace(/^http/, "ws")}/api/rooms/${roomId}/ws${query}`;
  // Node's WebSocket (undici) takes headers as a non-standard option; the browser one cannot.
  const init = { headers: { cookie, origin: baseURL } } as unknown as string[];
  const ws = new WebSocket(url, init);
  const frames: ServerFrame[] = [];
  const waiters: Array<() => void> = [];
  ws.addEventListener("message", (e) => {
    frames.push(JSON.parse(String(e.data)) as ServerFrame);
    for (const w of waiters.splice(0)) w();
  });
  const next = <T extends ServerFrame["type"]>(
    pred: (f: ServerFrame) => f is Extract<ServerFrame, { type: T }>,
  ) =>
    new Promise<Extract<ServerFrame, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("timed out waiting for a frame")), 10_000);
      const check = () => {
        const i = frames.findIndex(pred);
        if (i >= 0) {
          clearTimeout(timer);
          resolve(frames.splice(i, 1)[0] as Extract<ServerFrame, { type: T }>);
        } else waiters.push(check);
      };
      check();
    });
  await next((f): f is Extract<ServerFrame, { type: "welcome" }> => f.type === "welcome");
  return { ws, frames, next };
}

/**
 * Posts `count` messages ("<prefix> 1" … "<prefix> count") in order, from `writers` guests on
 * their own sockets; a rate-limited send waits and goes again.
 */
export async function seedMessages(
  baseURL: string,
  roomId: string,
  count: number,
  prefix = "Seed",
  // Enough writers that each stays inside its socket's send burst: rate-limited frames count
  // as violations, and too many of them close the socket.
  writers = Math.min(20, Math.max(1, Math.ceil(count / 8))),
) {
  const socks = await Promise.all(
    Array.from({ length: writers }, async (_, i) =>
      openSocket(baseURL, await guestCookie(baseURL, `Writer ${i + 1}`), roomId),
    ),
  );
  for (let n = 1; n <= count; n++) {
    const s = socks[n % writers];
    if (!s) throw new Error("no socket");
    const clientId = `seed-${roomId}-${n}`.replace(/[^A-Za-z0-9_-]/g, "_");
    for (;;) {
      s.ws.send(JSON.stringify({ type: "send", clientId, text: `${prefix} ${n}` }));
      const reply = await s.next(
        (f): f is Extract<ServerFrame, { type: "ack" | "error" }> =>
          (f.type === "ack" && f.clientId === clientId) ||
          (f.type === "error" && f.ref === clientId),
      );
      if (reply.type === "ack") break;
      if (reply.code !== "rate_limited") throw new Error(reply.message);
      await new Promise((r) => setTimeout(r, reply.retryAfter ?? 250));
    }
  }
  for (const s of socks) s.ws.close();
}
