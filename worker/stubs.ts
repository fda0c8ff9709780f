/** The one place that knows how names map to Durable Objects. */
export function roomStub(env: Env, roomId: string) {
  return env.ROOMS.get(env.ROOMS.idFromName(roomId));
}

/** Accounts are addressed by lower-cased username, so names are unique regardless of case. */
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
