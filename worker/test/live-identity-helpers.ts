import { env } from "cloudflare:workers";
import { roomListStub } from "../stubs";
import type { TestSocket } from "./helpers";

/** Waits until the server closed the socket; returns the close code and reason. */
export async function closedWith(
  socket: TestSocket,
  timeoutMs = 5000,
): Promise<{ code: number; reason: string }> {
  const until = Date.now() + timeoutMs;
  while (!socket.closed) {
    if (Date.now() > until) throw new Error("socket was not closed");
    await new Promise((r) => setTimeout(r, 10));
  }
  return socket.closed;
}

/** Waits until the user's room list holds `roomId` (a join is recorded in the background). */
export async function joined(userId: string, roomId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await roomListStub(env, userId).joinedRooms()).includes(roomId)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`room ${roomId} never reached the list of ${userId}`);
}

/** Nothing more to arrive: gives in-flight frames a moment, for "this did not happen" checks. */
export function settle(ms = 100): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
