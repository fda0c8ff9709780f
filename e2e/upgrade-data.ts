// What an earlier release stores, written through its own API (`seedRelease`), and what the
// current code must still find in that storage (`checkRelease`). scripts/upgrade-fixture.ts
// runs the seed against an earlier checkout; e2e/schema-upgrade.spec.ts runs the checks.
import type {
  CreateRoomBody,
  DirectoryBody,
  MeBody,
  MessagesBody,
  MyRoomsBody,
  ServerFrame,
} from "../protocol/index.ts";
import { openSocket } from "./seed.ts";

export type ReleaseData = {
  release: string;
  accounts: { username: string; password: string; id: string }[];
  guestId: string;
  publicRoom: string;
  privateRoom: string;
  dm: string;
  /** Texts of the public room's messages as stored, oldest first (edited and deleted applied). */
  publicTexts: string[];
  /** Alice's read marker in the public room. */
  readSeq: number;
};

const PASSWORD = "correct horse battery";

async function post(base: string, path: string, body: unknown, cookie = "") {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: base },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return res;
}

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function register(base: string, username: string, name: string) {
  const res = await post(base, "/api/auth/register", { username, password: PASSWORD, name });
  return { cookie: cookieOf(res), id: ((await res.json()) as MeBody).user.id };
}

type Sock = Awaited<ReturnType<typeof openSocket>>;

async function say(s: Sock, clientId: string, text: string, replyTo?: number): Promise<number> {
  s.ws.send(JSON.stringify({ type: "send", clientId, text, ...(replyTo ? { replyTo } : {}) }));
  const ack = await s.next(
    (f): f is Extract<ServerFrame, { type: "ack" }> => f.type === "ack" && f.clientId === clientId,
  );
  return ack.seq;
}

async function event(s: Sock, frame: object, type: ServerFrame["type"]) {
  s.ws.send(JSON.stringify(frame));
  await s.next((f): f is ServerFrame => f.type === type);
}

/** Writes one of everything an earlier release stores, through its API; returns what to check. */
export async function seedRelease(base: string, release: string): Promise<ReleaseData> {
  const alice = await register(base, "alice_upgrade", "Alice");
  const bob = await register(base, "bob_upgrade", "Bob");
  const gus = await post(base, "/api/auth/guest", { name: "Gus" });
  const gusCookie = cookieOf(gus);
  const guestId = ((await gus.json()) as MeBody).user.id;

  const created = await post(
    base,
    "/api/rooms",
    { name: "Upgrade lobby", topic: "kept across releases" },
    alice.cookie,
  );
  const publicRoom = ((await created.json()) as CreateRoomBody).room.id;
  const hidden = await post(
    base,
    "/api/rooms",
    { name: "Upgrade private", visibility: "private" },
    alice.cookie,
  );
  const privateBody = (await hidden.json()) as CreateRoomBody;
  const invite = new URL(privateBody.link, base).searchParams.get("invite") ?? "";

  const a = await openSocket(base, alice.cookie, publicRoom);
  const b = await openSocket(base, bob.cookie, publicRoom);
  const g = await openSocket(base, gusCookie, publicRoom);
  const first = await say(a, "upgrade-a1", "hello from the old release");
  await say(b, "upgrade-b1", "hi Alice", first);
  const typo = await say(a, "upgrade-a2", "teh second message");
  await say(g, "upgrade-g1", "a guest was here");
  const doomed = await say(a, "upgrade-a3", "this one is deleted");
  await event(a, { type: "edit", seq: typo, text: "the second message" }, "edit");
  await event(a, { type: "delete", seq: doomed }, "delete");
  await event(g, { type: "react", seq: first, emoji: "👍", on: true }, "reaction");
  for (const s of [a, b, g]) s.ws.close();
  await post(base, `/api/me/rooms/${publicRoom}/read`, { seq: typo }, alice.cookie);

  const p = await openSocket(base, bob.cookie, privateBody.room.id, invite);
  await say(p, "upgrade-p1", "bob in the private room");
  p.ws.close();

  const dm = await post(base, "/api/dm", { userId: bob.id, name: "Bob" }, alice.cookie);
  const dmId = ((await dm.json()) as CreateRoomBody).room.id;
  const d = await openSocket(base, alice.cookie, dmId);
  await say(d, "upgrade-d1", "a direct word");
  d.ws.close();

  return {
    release,
    accounts: [
      { username: "alice_upgrade", password: PASSWORD, id: alice.id },
      { username: "bob_upgrade", password: PASSWORD, id: bob.id },
    ],
    guestId,
    publicRoom,
    privateRoom: privateBody.room.id,
    dm: dmId,
    publicTexts: [
      "hello from the old release",
      "hi Alice",
      "the second message",
      "a guest was here",
      "",
    ],
    readSeq: typo,
  };
}

async function get<T>(base: string, path: string, cookie = ""): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Fails with the first thing the current code no longer finds in the earlier release's data. */
export async function checkRelease(base: string, data: ReleaseData): Promise<void> {
  const [alice = "", bob = ""] = await signInAll(base, data);

  const page = await get<MessagesBody>(base, `/api/rooms/${data.publicRoom}/messages`, alice);
  const texts = page.messages.map((m) => (m.deleted ? "" : m.text));
  if (JSON.stringify(texts) !== JSON.stringify(data.publicTexts))
    throw new Error(`public history changed: ${JSON.stringify(texts)}`);
  const [first, reply, edited, byGuest] = page.messages;
  if (reply?.replyTo !== first?.seq) throw new Error("the reply lost its quote");
  if (!edited?.editedAt) throw new Error("the edit lost its mark");
  if (!first?.reactions.some((r) => r.emoji === "👍" && r.users.includes(data.guestId)))
    throw new Error("the reaction is gone");
  if (byGuest?.author.id !== data.guestId) throw new Error("the guest's message lost its author");

  const found = await get<MessagesBody>(
    base,
    `/api/rooms/${data.publicRoom}/search?q=guest`,
    alice,
  );
  if (found.messages.length !== 1) throw new Error("search no longer finds old messages");

  await checkLists(base, data, alice, bob);
  const kept = await get<MessagesBody>(base, `/api/rooms/${data.privateRoom}/messages`, bob);
  if (kept.messages[0]?.text !== "bob in the private room")
    throw new Error("Bob lost his private room");
  const outsider = await fetch(`${base}/api/rooms/${data.privateRoom}/messages`);
  if (outsider.status !== 401) throw new Error("the private room opened to outsiders");

  const directory = await get<DirectoryBody>(base, "/api/rooms?q=Upgrade");
  const names = directory.rooms.map((r) => r.name);
  if (!names.includes("Upgrade lobby") || names.includes("Upgrade private"))
    throw new Error(`the directory changed: ${JSON.stringify(names)}`);

  // And the room takes new messages after the old ones.
  const s = await openSocket(base, alice, data.publicRoom);
  const seq = await say(s, "after-upgrade", "written by the new release");
  s.ws.close();
  const last = page.messages.at(-1)?.seq ?? 0;
  if (seq <= last) throw new Error(`new message seq ${seq} is not after ${last}`);
}

/**
 * The room lists: Alice's rooms with her read marker and the DM, Bob's private room, and the
 * identity records (Bob reaches Alice by id, in the same DM). Also run after a restart, once
 * the lists have moved to where the current code keeps them.
 */
export async function checkLists(base: string, data: ReleaseData, alice: string, bob: string) {
  const mine = await get<MyRoomsBody>(base, "/api/me/rooms", alice);
  const ids = new Set(mine.rooms.map((r) => r.id));
  for (const id of [data.publicRoom, data.dm])
    if (!ids.has(id)) throw new Error(`room ${id} left Alice's list`);
  const listed = mine.rooms.find((r) => r.id === data.publicRoom);
  if (listed?.readSeq !== data.readSeq) throw new Error("Alice's read marker moved");
  const dm = mine.rooms.find((r) => r.id === data.dm);
  if (dm?.dmWith?.id !== data.accounts[1]?.id) throw new Error("the DM lost its other person");

  const his = await get<MyRoomsBody>(base, "/api/me/rooms", bob);
  if (!his.rooms.some((r) => r.id === data.privateRoom))
    throw new Error("the private room left Bob's list");
  const again = await post(base, "/api/dm", { userId: data.accounts[0]?.id }, bob);
  if (((await again.json()) as Partial<CreateRoomBody>).room?.id !== data.dm)
    throw new Error("Bob no longer finds Alice by id");
}

/** Signs in every account of the release; returns their cookies. */
export async function signInAll(base: string, data: ReleaseData): Promise<string[]> {
  const cookies: string[] = [];
  for (const account of data.accounts) {
    const res = await post(base, "/api/auth/login", {
      username: account.username,
      password: account.password,
    });
    const me = (await res.json()) as MeBody;
    if (me.user.id !== account.id) throw new Error(`${account.username} has a new id`);
    cookies.push(cookieOf(res));
  }
  return cookies;
}
