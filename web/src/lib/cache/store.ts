import type { Me, MyRoom } from "../../../../protocol";
import { isSnapshot, type RoomSnapshot } from "../realtime/snapshot";
import { get, put, remove } from "./db";
import { owns, setCachedSeq } from "./owner-hint";

/** At most this many rooms are kept per user; the least recently saved go first. */
const MAX_ROOMS = 40;
const PROFILE = "profile";
const MY_ROOMS = "my-rooms";
/** roomId → when its snapshot was saved, to find the oldest without reading every room. */
const ROOM_INDEX = "room-index";

/**
 * The signed-in user's cached data: room snapshots, "your rooms" and the profile. Reads are for
 * the user the caller names; writes happen only while that user owns the cache, so nothing is
 * written for someone who has signed out (here or in another tab). The latest snapshot of each
 * room opened in this page is also kept in memory, so going back to it renders at once.
 */
const recent = new Map<string, RoomSnapshot>();
const memoryKey = (userId: string, roomId: string) => `${userId}:${roomId}`;

export function roomInMemory(userId: string, roomId: string): RoomSnapshot | null {
  return owns(userId) ? (recent.get(memoryKey(userId, roomId)) ?? null) : null;
}

export async function readRoom(userId: string, roomId: string): Promise<RoomSnapshot | null> {
  const mem = roomInMemory(userId, roomId);
  if (mem) return mem;
  const value = await get<unknown>(userId, "rooms", roomId);
  return isSnapshot(value, roomId) ? value : null;
}

export async function writeRoom(userId: string, snapshot: RoomSnapshot): Promise<void> {
  if (!owns(userId)) return;
  recent.set(memoryKey(userId, snapshot.roomId), snapshot);
  await put(userId, "rooms", snapshot.roomId, snapshot);
  if (owns(userId)) setCachedSeq(snapshot.roomId, snapshot.lastSeq);
  const index = (await get<Record<string, number>>(userId, "lists", ROOM_INDEX)) ?? {};
  index[snapshot.roomId] = snapshot.savedAt;
  const oldest = Object.entries(index)
    .sort((a, b) => b[1] - a[1])
    .slice(MAX_ROOMS);
  for (const [roomId] of oldest) {
    delete index[roomId];
    setCachedSeq(roomId, null);
    await remove(userId, "rooms", roomId);
  }
  if (owns(userId)) await put(userId, "lists", ROOM_INDEX, index);
}

/** The room is no longer ours to show (left, removed, banned, gone). */
export async function forgetRoom(userId: string, roomId: string): Promise<void> {
  recent.delete(memoryKey(userId, roomId));
  if (!owns(userId)) return;
  setCachedSeq(roomId, null);
  await remove(userId, "rooms", roomId);
}

export async function readProfile(userId: string): Promise<Me | null> {
  const me = await get<Me>(userId, "lists", PROFILE);
  return me?.id === userId ? me : null;
}

export async function writeProfile(me: Me): Promise<void> {
  if (owns(me.id)) await put(me.id, "lists", PROFILE, me);
}

export async function readMyRooms(userId: string): Promise<MyRoom[] | null> {
  const rooms = await get<MyRoom[]>(userId, "lists", MY_ROOMS);
  return Array.isArray(rooms) ? rooms : null;
}

export async function writeMyRooms(userId: string, rooms: MyRoom[]): Promise<void> {
  if (owns(userId)) await put(userId, "lists", MY_ROOMS, rooms);
}

/** Forgets the in-memory copies (the cache was dropped). */
export function forgetMemory(): void {
  recent.clear();
}
