import { request } from "node:http";
import type { CreateRoomBody, MeBody } from "../protocol/http.ts";

/**
 * A signed-in identity: the session cookie a browser would hold, who it is, and the loopback
 * address it connects from (each guest its own machine, as far as the server can tell).
 */
export type Identity = { id: string; name: string; cookie: string; address: string };

/**
 * The n-th client's own source address. All of 127.0.0.0/8 is this machine on Linux, and
 * `wrangler dev` reports the connection's peer address as CF-Connecting-IP, so per-address caps
 * (and anything else keyed by address) see separate clients, as they would in production.
 */
export function addressFor(n: number): string {
  return `127.0.${1 + Math.floor(n / 250)}.${1 + (n % 250)}`;
}

/** One HTTP request from `address`; resolves with status, headers and body text. */
function call(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; address: string },
): Promise<{ status: number; cookie: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: init.method, headers: init.headers, localAddress: init.address },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => {
          const setCookie = res.headers["set-cookie"]?.[0] ?? "";
          resolve({ status: res.statusCode ?? 0, cookie: setCookie.split(";")[0] ?? "", text });
        });
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

/** The real guest path: POST /api/auth/guest, from the guest's own address, sets a cookie. */
export async function guest(base: string, name: string, address: string): Promise<Identity> {
  const res = await call(`${base}/api/auth/guest`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name }),
    address,
  });
  if (res.status !== 201) throw new Error(`guest: ${res.status} ${res.text}`);
  const body = JSON.parse(res.text) as MeBody;
  return { id: body.user.id, name: body.user.name, cookie: res.cookie, address };
}

export async function createRoom(base: string, owner: Identity, name: string): Promise<string> {
  const res = await call(`${base}/api/rooms`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: owner.cookie },
    body: JSON.stringify({ name }),
    address: owner.address,
  });
  if (res.status !== 201) throw new Error(`create room: ${res.status} ${res.text}`);
  return (JSON.parse(res.text) as CreateRoomBody).room.id;
}

/** Guests are created on demand and reused across scenarios (a session is not tied to a room). */
export class IdentityPool {
  private readonly all: Identity[] = [];
  private readonly base: string;
  constructor(base: string) {
    this.base = base;
  }

  /** The first `n` identities, creating the missing ones a few at a time. */
  async take(n: number): Promise<Identity[]> {
    while (this.all.length < n) {
      const batch = Math.min(16, n - this.all.length);
      const start = this.all.length;
      const made = await Promise.all(
        Array.from({ length: batch }, (_, i) =>
          guest(this.base, `Bench ${start + i + 1}`, addressFor(start + i)),
        ),
      );
      this.all.push(...made);
    }
    return this.all.slice(0, n);
  }

  /** `n` identities starting at `offset` (for disjoint groups in one scenario). */
  async slice(offset: number, n: number): Promise<Identity[]> {
    return (await this.take(offset + n)).slice(offset);
  }
}

export type BlockStat = { count: number; totalMs: number; maxMs: number };
export type Blocks = { longestMs: number; longestKind: string; byKind: Record<string, BlockStat> };

/**
 * The longest piece of work each kind took in any of `roomIds`, from the rooms' own timers
 * (worker/room/blocks.ts, served only when the server runs with ROOM_DEBUG_STATS=on).
 */
export async function roomBlocks(base: string, roomIds: string[]): Promise<Blocks> {
  const byKind: Record<string, BlockStat> = {};
  for (const id of new Set(roomIds)) {
    const res = await fetch(`${base}/api/debug/rooms/${id}/blocks`);
    if (!res.ok) continue;
    for (const [kind, s] of Object.entries((await res.json()) as Record<string, BlockStat>)) {
      const all = byKind[kind] ?? { count: 0, totalMs: 0, maxMs: 0 };
      all.count += s.count;
      all.totalMs += s.totalMs;
      all.maxMs = Math.max(all.maxMs, s.maxMs);
      byKind[kind] = all;
    }
  }
  let longestMs = 0;
  let longestKind = "–";
  for (const [kind, s] of Object.entries(byKind))
    if (s.maxMs > longestMs) {
      longestMs = s.maxMs;
      longestKind = kind;
    }
  return { longestMs, longestKind, byKind };
}
