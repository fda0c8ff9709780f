import { DurableObject } from "cloudflare:workers";
import { adoptLegacyRoomList } from "./legacy-import";
import { type ListedRoom, RoomListStore } from "./store";

/**
 * How long the list of a forgotten guest stays before it is deleted: a sign-out reads it after
 * forgetting the guest (to close its sockets), and a join accepted just before may still be
 * recorded, which must see the ended session (edge/remember-join.ts).
 */
export const FORGOTTEN_LIST_GRACE_MS = 10 * 60 * 1000;

/**
 * One user's rooms, read markers, last-seen time, signed-out sessions and identity record,
 * named by the user id (see roomListStub): rooms and direct messages know users by id only, and
 * the id stays the same when a guest becomes an account.
 */
export class RoomList extends DurableObject<Env> {
  private readonly list: RoomListStore;
  /** False once the storage was deleted (a forgotten guest), until the next call opens it. */
  private opened = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.list = new RoomListStore(ctx.storage);
    ctx.blockConcurrencyWhile(() => this.open());
  }

  /** Schema, and the list the previous version kept, if any (legacy-import.ts). */
  private async open(): Promise<void> {
    this.list.migrate();
    const userId = this.ctx.id.name;
    if (userId === undefined) throw new Error("a room list is named by its user id");
    await adoptLegacyRoomList(this.ctx.storage, this.list, this.env, userId);
    this.opened = true;
  }

  private async ready(): Promise<void> {
    if (!this.opened) await this.ctx.blockConcurrencyWhile(() => this.open());
  }

  /**
   * Adds or refreshes a room on the list. For a socket's join, `join` names the user's identity
   * object (recorded as with recordIdentity) and the socket's session; the answer is false when
   * that session was signed out meanwhile (see edge/remember-join.ts).
   */
  async rememberRoom(
    roomId: string,
    dmWith?: { id: string; name: string },
    join?: { key: string; sid: string },
  ): Promise<boolean> {
    await this.ready();
    const now = Date.now();
    this.list.remember(roomId, now, dmWith);
    if (join === undefined) return true;
    this.list.recordIdentity(join.key);
    return !this.list.hasEnded(join.sid, now);
  }

  async markRead(roomId: string, seq: number): Promise<number | null> {
    await this.ready();
    return this.list.markRead(roomId, seq, Date.now());
  }

  /** The other person in DM `roomId` is now called `name`. */
  async renameDmPeer(roomId: string, peerId: string, name: string): Promise<void> {
    await this.ready();
    this.list.renamePeer(roomId, peerId, name);
  }

  async forgetRoom(roomId: string): Promise<void> {
    await this.ready();
    this.list.forget(roomId);
  }

  /** Rooms where the user's sockets may be open, for sign-out and profile changes (edge/joined-rooms.ts). */
  async joinedRooms(): Promise<string[]> {
    await this.ready();
    return this.list.joined();
  }

  /** Records ended sessions and returns the rooms to close their sockets in, in one step. */
  async signedOut(sids: string[]): Promise<string[]> {
    await this.ready();
    this.list.ended(sids, Date.now());
    return this.list.joined();
  }

  /** Which User object holds this user id's identity (see RoomListStore.recordIdentity). */
  async recordIdentity(key: string): Promise<void> {
    await this.ready();
    this.list.recordIdentity(key);
  }

  async identityKey(): Promise<string | null> {
    await this.ready();
    return this.list.identity();
  }

  /** The list for GET /api/me/rooms; asking for it is what marks the user as seen. */
  async myRooms(): Promise<ListedRoom[]> {
    await this.ready();
    this.list.seen(Date.now());
    return this.list.list();
  }

  async presence(): Promise<{ online: boolean; lastSeen: number | null }> {
    await this.ready();
    return this.list.presence(Date.now());
  }

  /**
   * Guest `key` was forgotten: this list goes too, after FORGOTTEN_LIST_GRACE_MS, unless the id
   * belongs to another identity by then (a guest that became an account keeps its list).
   * Answers whether the list will go.
   */
  async guestForgotten(key: string): Promise<boolean> {
    await this.ready();
    if (this.list.identity() !== key) return false;
    this.list.markForgotten(key);
    await this.ctx.storage.setAlarm(Date.now() + FORGOTTEN_LIST_GRACE_MS);
    return true;
  }

  override async alarm(): Promise<void> {
    await this.ready();
    if (this.list.forgotten() === null) return;
    await this.ctx.storage.deleteAll();
    this.opened = false;
  }
}
