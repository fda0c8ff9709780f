/** The one place that knows how names map to Durable Objects. */
export function roomStub(env: Env, roomId: string) {
  return env.ROOMS.get(env.ROOMS.idFromName(roomId));
}
