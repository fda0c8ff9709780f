import { DurableObject } from "cloudflare:workers";
import { migrate } from "./migrations";
import { USER_ROOMS_MIGRATIONS, type UserRoomRow, UserRooms } from "./user-rooms";

/** One per account (addressed by the lower-cased username): credentials, profile, sessions. */
export class User extends DurableObject<Env> {
  private readonly rooms: UserRooms;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.rooms = new UserRooms(ctx.storage);
    ctx.blockConcurrencyWhile(async () =>
      migrate(
        ctx.storage.sql,
        USER_ROOMS_MIGRATIONS.map((m, i) => ({ id: i + 1, ...m })),
      ),
    );
  }

  // ── the user's rooms (user-rooms.ts) ───────────────────────────────────

  async rememberRoom(roomId: string, dmWith?: { id: string; name: string }): Promise<void> {
    this.rooms.remember(roomId, Date.now(), dmWith);
  }

  async markRead(roomId: string, seq: number): Promise<number | null> {
    return this.rooms.markRead(roomId, seq, Date.now());
  }

  async forgetRoom(roomId: string): Promise<void> {
    this.rooms.forget(roomId);
  }

  /** The list for GET /api/me/rooms; asking for it is what marks the user as seen. */
  async myRooms(): Promise<UserRoomRow[]> {
    this.rooms.seen(Date.now());
    return this.rooms.list();
  }

  async presence(): Promise<{ online: boolean; lastSeen: number | null }> {
    return this.rooms.presence(Date.now());
  }
}
