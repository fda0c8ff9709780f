import type { Me } from "../../protocol/index";
import { migrate } from "../migrations";
import type { PasswordHash } from "./password";
import { USER_MIGRATIONS } from "./schema";

type AccountRow = {
  user_id: string;
  username: string | null;
  name: string;
  color: string;
  guest: number;
  password_hash: ArrayBuffer | null;
  password_salt: ArrayBuffer | null;
  password_iterations: number | null;
  upgraded_to: string | null;
};

export type NewAccount = {
  id: string;
  username: string | null;
  name: string;
  color: string;
  password: PasswordHash | null;
};

/** How many sessions one identity may hold; the oldest go first. */
const MAX_SESSIONS = 50;

/** Typed SQL for one User object. Every statement is parameterised. */
export class UserStore {
  constructor(private readonly sql: SqlStorage) {}

  migrate(): void {
    migrate(this.sql, USER_MIGRATIONS);
  }

  private row(): AccountRow | null {
    return this.sql.exec<AccountRow>("SELECT * FROM account WHERE id = 1").toArray()[0] ?? null;
  }

  exists(): boolean {
    return this.row() !== null;
  }

  me(): Me | null {
    const row = this.row();
    if (!row) return null;
    return {
      id: row.user_id,
      name: row.name,
      color: row.color,
      guest: row.guest === 1,
      username: row.username,
    };
  }

  password(): PasswordHash | null {
    const row = this.row();
    if (!row?.password_hash || !row.password_salt || !row.password_iterations) return null;
    return {
      hash: new Uint8Array(row.password_hash),
      salt: new Uint8Array(row.password_salt),
      iterations: row.password_iterations,
    };
  }

  /** An account's public face; null for guests and empty objects. */
  publicProfile(): {
    id: string;
    username: string;
    name: string;
    color: string;
    createdAt: number;
  } | null {
    const row = this.sql
      .exec<{
        user_id: string;
        username: string | null;
        name: string;
        color: string;
        created_at: number;
      }>(
        "SELECT user_id, username, name, color, created_at FROM account WHERE id = 1 AND guest = 0",
      )
      .toArray()[0];
    if (!row?.username) return null;
    return {
      id: row.user_id,
      username: row.username,
      name: row.name,
      color: row.color,
      createdAt: row.created_at,
    };
  }

  upgradedTo(): string | null {
    return this.row()?.upgraded_to ?? null;
  }

  create(account: NewAccount, now: number): void {
    this.sql.exec(
      `INSERT INTO account (id, user_id, username, name, color, guest, password_hash, password_salt,
         password_iterations, created_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      account.id,
      account.username,
      account.name,
      account.color,
      account.password ? 0 : 1,
      account.password ? bytes(account.password.hash) : null,
      account.password ? bytes(account.password.salt) : null,
      account.password?.iterations ?? null,
      now,
      now,
    );
  }

  setPassword(password: PasswordHash, now: number): void {
    this.sql.exec(
      "UPDATE account SET password_hash = ?, password_salt = ?, password_iterations = ?, updated_at = ? WHERE id = 1",
      bytes(password.hash),
      bytes(password.salt),
      password.iterations,
      now,
    );
  }

  updateProfile(patch: { name?: string | undefined; color?: string | undefined }, now: number) {
    this.sql.exec(
      "UPDATE account SET name = coalesce(?, name), color = coalesce(?, color), updated_at = ? WHERE id = 1",
      patch.name ?? null,
      patch.color ?? null,
      now,
    );
  }

  setUpgradedTo(username: string | null): void {
    this.sql.exec("UPDATE account SET upgraded_to = ? WHERE id = 1", username);
  }

  // ── sessions ─────────────────────────────────────────────────────────

  addSession(sid: string, expiresAt: number, now: number): void {
    this.sql.exec("DELETE FROM sessions WHERE expires_at <= ?", now);
    this.sql.exec(
      "INSERT INTO sessions (sid, created_at, expires_at) VALUES (?, ?, ?)",
      sid,
      now,
      expiresAt,
    );
    this.sql.exec(
      "DELETE FROM sessions WHERE sid NOT IN (SELECT sid FROM sessions ORDER BY created_at DESC LIMIT ?)",
      MAX_SESSIONS,
    );
  }

  hasSession(sid: string, now: number): boolean {
    return (
      this.sql.exec("SELECT 1 FROM sessions WHERE sid = ? AND expires_at > ?", sid, now).toArray()
        .length > 0
    );
  }

  deleteSession(sid: string): void {
    this.sql.exec("DELETE FROM sessions WHERE sid = ?", sid);
  }

  /** Deletes every session; returns their ids. */
  deleteAllSessions(): string[] {
    return this.sql
      .exec<{ sid: string }>("DELETE FROM sessions RETURNING sid")
      .toArray()
      .map((r) => r.sid);
  }

  /** When the last live session expires (null: none left). */
  lastExpiry(now: number): number | null {
    return this.sql
      .exec<{ at: number | null }>(
        "SELECT max(expires_at) AS at FROM sessions WHERE expires_at > ?",
        now,
      )
      .one().at;
  }

  // ── login attempts ───────────────────────────────────────────────────

  /** Attempts since `since`, and the oldest of them. */
  recentAttempts(since: number): { count: number; oldest: number | null } {
    this.sql.exec("DELETE FROM login_attempts WHERE at < ?", since);
    const row = this.sql
      .exec<{ count: number; oldest: number | null }>(
        "SELECT count(*) AS count, min(at) AS oldest FROM login_attempts",
      )
      .one();
    return row;
  }

  addAttempt(now: number): void {
    this.sql.exec("INSERT INTO login_attempts (at) VALUES (?)", now);
  }

  clearAttempts(): void {
    this.sql.exec("DELETE FROM login_attempts");
  }
}

/** SQLite takes BLOBs as ArrayBuffers; copy so a view on a larger buffer stores only its bytes. */
function bytes(view: Uint8Array): ArrayBuffer {
  return new Uint8Array(view).buffer;
}
