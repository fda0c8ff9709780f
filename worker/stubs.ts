import type { LegacyRoomListCalls } from "./user/legacy-room-list";

/** The one place that knows how names map to Durable Objects. */
export function roomStub(env: Env, roomId: string) {
  return env.ROOMS.get(env.ROOMS.idFromName(roomId));
}

/**
 * The name of the User object that holds an identity. Accounts live under their lower-cased
 * username (so names are unique regardless of case); guests under `guest:<id>`, which no
 * username can equal because usernames have no colon.
 */
export function accountKey(username: string): string {
  return username.toLowerCase();
}

export function guestKey(userId: string): string {
  return `guest:${userId}`;
}

/** The User object named `key` (accountKey or guestKey). */
export function userStub(env: Env, key: string) {
  return env.USERS.get(env.USERS.idFromName(key.toLowerCase()));
}

/** The directory. One object today; sharding would change only this function. */
export function lobbyStub(env: Env) {
  return env.LOBBY.get(env.LOBBY.idFromName("lobby"));
}

/** Per-client-address counters for the identity endpoints. */
export function throttleStub(env: Env, address: string) {
  return env.THROTTLE.get(env.THROTTLE.idFromName(address));
}

/**
 * Per-user counters (POST /api/dm). A Throttle object like the per-address ones; the `user:`
 * prefix cannot collide with an address (no address contains the letters u, s or r).
 */
export function userThrottleStub(env: Env, userId: string) {
  return env.THROTTLE.get(env.THROTTLE.idFromName(`user:${userId}`));
}

/**
 * A user's room list, read markers and last-seen time (room-list/room-list.ts), named by the user
 * id (not the account name), so rooms and direct messages, which know only ids, can reach it,
 * and it stays put when a guest becomes an account.
 */
export function roomListStub(env: Env, userId: string) {
  return env.ROOM_LISTS.get(env.ROOM_LISTS.idFromName(userId));
}

/**
 * Where the previous version kept a user's room list: a User object of its own. Read once, by
 * the user's RoomList object (room-list/legacy-import.ts). Ids never contain ":", usernames
 * neither, so no identity has this name.
 */
export function legacyRoomListStub(env: Env, userId: string): LegacyRoomListCalls {
  const stub = env.USERS.get(env.USERS.idFromName(`rooms:${userId}`));
  // Its two calls are protected on the User class, so the User stub type omits them; RPC
  // reaches them all the same (see User.exportRoomList).
  return stub as unknown as LegacyRoomListCalls;
}
