import { DurableObject } from "cloudflare:workers";
import { migrate } from "../migrations";
import type { Cap } from "./caps";

const THROTTLE_MIGRATIONS = [
  {
    id: 1,
    name: "hits",
    sql: "CREATE TABLE hits (bucket TEXT NOT NULL, at INTEGER NOT NULL); CREATE INDEX hits_bucket_at ON hits (bucket, at);",
  },
];

/**
 * A sliding-window counter for one client address (one object per address, named by
 * `throttleStub`). Hits are rows in SQLite, so the count survives eviction; an alarm wipes the
 * object once every window has passed, so idle addresses cost no storage.
 */
export class Throttle extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => migrate(ctx.storage.sql, THROTTLE_MIGRATIONS));
  }

  /**
   * Counts one hit in `bucket` unless the cap is reached. Returns 0 when the hit was allowed,
   * otherwise the seconds until the oldest hit in the window expires.
   */
  async hit(bucket: string, cap: Cap, now = Date.now()): Promise<number> {
    const sql = this.ctx.storage.sql;
    const windowMs = cap.windowSeconds * 1000;
    sql.exec("DELETE FROM hits WHERE bucket = ? AND at <= ?", bucket, now - windowMs);
    const { count, oldest } = sql
      .exec<{ count: number; oldest: number | null }>(
        "SELECT count(*) AS count, min(at) AS oldest FROM hits WHERE bucket = ?",
        bucket,
      )
      .one();
    if (count >= cap.max) {
      return Math.max(1, Math.ceil(((oldest ?? now) + windowMs - now) / 1000));
    }
    sql.exec("INSERT INTO hits (bucket, at) VALUES (?, ?)", bucket, now);
    const wipeAt = now + windowMs;
    const alarm = await this.ctx.storage.getAlarm();
    if (alarm === null || alarm < wipeAt) await this.ctx.storage.setAlarm(wipeAt);
    return 0;
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
    // The object may stay in memory and take the next hit: give it its table back.
    migrate(this.ctx.storage.sql, THROTTLE_MIGRATIONS);
  }
}
