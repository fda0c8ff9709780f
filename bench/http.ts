import type { CreateRoomBody, MeBody } from "../protocol/http.ts";

/** A signed-in identity: the session cookie a browser would hold, and who it is. */
export type Identity = { id: string; name: string; cookie: string };

/** The real guest path: POST /api/auth/guest answers with a session cookie. */
export async function guest(base: string, name: string): Promise<Identity> {
  const res = await fetch(`${base}/api/auth/guest`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 201) throw new Error(`guest: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const body = (await res.json()) as MeBody;
  return { id: body.user.id, name: body.user.name, cookie };
}

export async function createRoom(base: string, owner: Identity, name: string): Promise<string> {
  const res = await fetch(`${base}/api/rooms`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: owner.cookie },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 201) throw new Error(`create room: ${res.status} ${await res.text()}`);
  return ((await res.json()) as CreateRoomBody).room.id;
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
        Array.from({ length: batch }, (_, i) => guest(this.base, `Bench ${start + i + 1}`)),
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
