import { roomListStub } from "../stubs";

/**
 * Forwards `read` frames to the reader's room list (room-list/store.ts), where read markers
 * live so they follow the user across tabs and devices. Only a marker that moves forward is forwarded,
 * so a client repeating itself costs nothing; the room list keeps the maximum anyway.
 */
export class ReadMarkers {
  /** Highest seq forwarded per user while the object is awake. */
  private readonly forwarded = new Map<string, number>();

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
  ) {}

  read(userId: string, roomId: string, seq: number, lastSeq: number): void {
    const marker = Math.min(seq, lastSeq);
    if ((this.forwarded.get(userId) ?? -1) >= marker) return;
    this.forwarded.set(userId, marker);
    this.ctx.waitUntil(
      roomListStub(this.env, userId)
        .markRead(roomId, marker)
        .then(() => undefined)
        .catch((err: unknown) =>
          console.error(
            JSON.stringify({ level: "error", what: "read marker", error: String(err) }),
          ),
        ),
    );
  }

  /**
   * POST /api/me/rooms/:roomId/read: moves the marker to `seq`, clamped to the room's last seq
   * (a marker past the end would hide messages not yet written). Returns the marker, or null
   * when the room is not on the user's list.
   */
  async mark(userId: string, roomId: string, seq: number, lastSeq: number): Promise<number | null> {
    return roomListStub(this.env, userId).markRead(roomId, Math.min(seq, lastSeq));
  }

  /** The user's last socket here closed. */
  forget(userId: string): void {
    this.forwarded.delete(userId);
  }
}
