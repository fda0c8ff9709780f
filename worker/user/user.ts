import { DurableObject } from "cloudflare:workers";
import type { Me } from "../../protocol/index";
import { guestKey, roomListStub } from "../stubs";
import { AUTH_CAPS } from "../throttle/caps";
import { isLegacyRoomList, type LegacyRoomList, readLegacyRoomList } from "./legacy-room-list";
import { burnPasswordCheck, hashPassword, PBKDF2_ITERATIONS, verifyPassword } from "./password";
import { UserStore } from "./store";

/** A session to record once the identity is established: id and expiry (ms since the epoch). */
export type SessionGrant = { sid: string; expiresAt: number };

/** How soon a guest's forgetting is tried again when its room list could not be told. */
const FORGET_RETRY_MS = 60_000;

export type LoginResult =
  | { ok: true; me: Me }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

/**
 * One identity: an account (named by its lower-cased username) or a guest (named `guest:<id>`).
 * Holds the credentials, the profile and the live sessions. Results are plain values, not thrown
 * errors, because errors lose their class across RPC; the Worker maps them to HTTP.
 */
export class User extends DurableObject<Env> {
  private readonly store: UserStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new UserStore(ctx.storage.sql);
    // An old room list keeps the shape it has until it is copied out, and none is created.
    if (!isLegacyRoomList(ctx.id)) ctx.blockConcurrencyWhile(async () => this.store.migrate());
  }

  async createGuest(profile: { id: string; name: string; color: string }, session: SessionGrant) {
    if (this.store.exists()) return null;
    const now = Date.now();
    this.store.create({ ...profile, username: null, password: null }, now);
    this.store.addSession(session.sid, session.expiresAt, now);
    // A guest cannot sign in again: once its last session is over, nothing can reach it.
    await this.ctx.storage.setAlarm(session.expiresAt);
    return this.store.me();
  }

  /** Creates the account, or returns null when this username is taken. */
  async register(
    input: { id: string; username: string; password: string; name: string; color: string },
    session: SessionGrant,
  ): Promise<Me | null> {
    if (this.store.exists()) return null;
    const password = await hashPassword(input.password);
    // Hashing yields to other requests: a concurrent registration may have won meanwhile.
    if (this.store.exists()) return null;
    const now = Date.now();
    this.store.create({ ...input, password }, now);
    this.store.addSession(session.sid, session.expiresAt, now);
    return this.store.me();
  }

  async login(password: string, session: SessionGrant, now = Date.now()): Promise<LoginResult> {
    const stored = this.store.password();
    if (!stored) {
      await burnPasswordCheck(password);
      return { ok: false, reason: "invalid" };
    }
    const cap = AUTH_CAPS.loginPerUsername;
    const windowMs = cap.windowSeconds * 1000;
    const recent = this.store.recentAttempts(now - windowMs);
    if (recent.count >= cap.max) {
      const retryAfterMs = (recent.oldest ?? now) + windowMs - now;
      return {
        ok: false,
        reason: "locked",
        retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
      };
    }
    // Counted before the (yielding) hash check, so parallel guesses cannot all slip under the cap.
    this.store.addAttempt(now);
    if (!(await verifyPassword(password, stored))) return { ok: false, reason: "invalid" };
    this.store.clearAttempts();
    if (stored.iterations < PBKDF2_ITERATIONS)
      this.store.setPassword(await hashPassword(password), now);
    this.store.addSession(session.sid, session.expiresAt, now);
    return { ok: true, me: this.store.me() as Me };
  }

  /** The current profile when `sid` is a live session of user `uid`, else null. */
  async checkSession(uid: string, sid: string): Promise<Me | null> {
    const me = this.store.me();
    if (!me || me.id !== uid || !this.store.hasSession(sid, Date.now())) return null;
    return me;
  }

  /** The profile when this object holds user `uid` (an account, or a guest not yet forgotten). */
  async identity(uid: string): Promise<Me | null> {
    const me = this.store.me();
    return me?.id === uid ? me : null;
  }

  async endSession(sid: string): Promise<void> {
    this.store.deleteSession(sid);
    await this.forgetAbandonedGuest();
  }

  /** Ends every session; returns their ids (for RoomList.signedOut). */
  async endAllSessions(): Promise<string[]> {
    const sids = this.store.deleteAllSessions();
    await this.forgetAbandonedGuest();
    return sids;
  }

  override async alarm(): Promise<void> {
    await this.forgetAbandonedGuest();
  }

  /**
   * Deletes a guest with no live session (logged out, expired or turned into an account): no
   * cookie can name it any more. Its messages keep their author id and name in the rooms. Its
   * room list goes too, unless the identity moved to an account, which keeps the list.
   */
  private async forgetAbandonedGuest(): Promise<void> {
    const me = this.store.me();
    if (!me?.guest) return;
    const now = Date.now();
    const last = this.store.lastExpiry(now);
    if (last !== null) {
      await this.ctx.storage.setAlarm(last);
      return;
    }
    if (this.store.upgradedTo() === null) {
      try {
        await roomListStub(this.env, me.id).guestForgotten(guestKey(me.id));
      } catch (err) {
        // Kept (with no session, so unusable) until the list hears of it: the alarm retries.
        console.error(
          JSON.stringify({ level: "error", what: "forget guest room list", error: String(err) }),
        );
        await this.ctx.storage.setAlarm(now + FORGET_RETRY_MS);
        return;
      }
    }
    await this.ctx.storage.deleteAll();
    // The object may stay in memory and be asked again (a stale cookie): give it its tables back.
    this.store.migrate();
  }

  async publicProfile() {
    return this.store.publicProfile();
  }

  async updateProfile(patch: { name?: string | undefined; color?: string | undefined }) {
    if (!this.store.exists()) return null;
    this.store.updateProfile(patch, Date.now());
    return this.store.me();
  }

  // ── guest → account ──────────────────────────────────────────────────
  // The account object is a different object (named by username), so the move takes three
  // steps: reserve here (one guest becomes at most one account), create the account with the
  // same id, then end the guest's sessions. A failed create releases the reservation.

  /**
   * The guest's profile when it may move to `username`; "busy" while it is moving to another
   * name; null when this is not a guest.
   */
  async reserveUpgrade(username: string): Promise<Me | "busy" | null> {
    const me = this.store.me();
    if (!me?.guest) return null;
    const reserved = this.store.upgradedTo();
    if (reserved !== null && reserved !== username) return "busy";
    this.store.setUpgradedTo(username);
    return me;
  }

  async cancelUpgrade(username: string): Promise<void> {
    if (this.store.upgradedTo() === username) this.store.setUpgradedTo(null);
  }

  /** The identity now lives in the account: the guest cookie must stop working. */
  async completeUpgrade(): Promise<void> {
    this.store.deleteAllSessions();
    await this.forgetAbandonedGuest();
  }

  // ── old room lists: User objects named `rooms:<userId>` (user/legacy-room-list.ts) ──
  // Protected, so the User stub type does not offer them: TypeScript visibility ends at compile
  // time and RPC still reaches them, through legacyRoomListStub (typed LegacyRoomListCalls),
  // from room-list/legacy-import.ts only. Both refuse in an identity object.

  protected async exportRoomList(): Promise<LegacyRoomList | null> {
    if (!isLegacyRoomList(this.ctx.id)) return null;
    return readLegacyRoomList(this.ctx.storage);
  }

  /** The list was copied to its RoomList object: nothing of it stays here. */
  protected async dropRoomList(): Promise<void> {
    if (isLegacyRoomList(this.ctx.id)) await this.ctx.storage.deleteAll();
  }
}
