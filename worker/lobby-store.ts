import type { DirectoryBody, DirectoryRoom, DirectorySort, RoomVisibility } from "../protocol";
import { LOBBY_MIGRATIONS } from "./lobby-schema";
import { migrate } from "./migrations";

/** What a room tells the lobby about itself: a whole snapshot, so reports are idempotent. */
export type RoomReport = DirectoryRoom & {
  visibility: RoomVisibility;
  /** When the room took this snapshot (ms since the epoch). */
  at: number;
};

export type DirectoryPageQuery = {
  q: string;
  sort: DirectorySort;
  cursor: string | null;
  limit: number;
};

type RoomRow = {
  room_id: string;
  name: string;
  topic: string;
  online: number;
  message_count: number;
  last_activity: number;
  created_at: number;
};

const COLUMNS = "room_id, name, topic, online, message_count, last_activity, created_at";

/** Typed SQL for the directory. No RPC code here; every statement is parameterised. */
export class LobbyStore {
  constructor(private readonly sql: SqlStorage) {}

  migrate(): void {
    migrate(this.sql, LOBBY_MIGRATIONS);
  }

  /** Applies a report: upserts a public room, removes one that turned private. */
  apply(report: RoomReport): void {
    if (report.visibility !== "public") {
      this.sql.exec("DELETE FROM rooms WHERE room_id = ?", report.id);
      return;
    }
    this.sql.exec(
      `INSERT INTO rooms (room_id, name, name_folded, topic, online, message_count, last_activity, created_at, reported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (room_id) DO UPDATE SET
         name = excluded.name, name_folded = excluded.name_folded, topic = excluded.topic,
         online = excluded.online, message_count = excluded.message_count,
         last_activity = excluded.last_activity, reported_at = excluded.reported_at,
         writes = writes + 1
       WHERE excluded.reported_at >= rooms.reported_at`,
      report.id,
      report.name,
      fold(report.name),
      report.topic,
      report.online,
      report.messageCount,
      report.lastActivity,
      report.createdAt,
      report.at,
    );
  }

  /**
   * Zeroes the online count of rooms that stopped reporting (their object restarted and lost its
   * sockets without close events); a live occupied room re-reports every heartbeat. Returns
   * whether any room still counts someone online.
   */
  expireOnline(olderThan: number): boolean {
    this.sql.exec("UPDATE rooms SET online = 0 WHERE online > 0 AND reported_at < ?", olderThan);
    return this.sql.exec("SELECT 1 FROM rooms WHERE online > 0 LIMIT 1").toArray().length > 0;
  }

  remove(roomId: string): void {
    this.sql.exec("DELETE FROM rooms WHERE room_id = ?", roomId);
  }

  /** How many times a room's row was written (null when it is not listed). */
  writes(roomId: string): number | null {
    const row = this.sql
      .exec<{ writes: number }>("SELECT writes FROM rooms WHERE room_id = ?", roomId)
      .toArray()[0];
    return row?.writes ?? null;
  }

  /**
   * One page, newest activity (or most online) first, ties broken by id. Keyset paging: the
   * cursor is the sort key of the last row already seen, so each page is an index range scan.
   */
  page({ q, sort, cursor, limit }: DirectoryPageQuery): DirectoryBody {
    const after = cursor === null ? null : parseCursor(cursor, sort);
    const filter = fold(q);
    const rows =
      sort === "activity"
        ? this.sql
            .exec<RoomRow>(
              `SELECT ${COLUMNS} FROM rooms
               WHERE (? = '' OR instr(name_folded, ?) > 0)
                 AND (? IS NULL OR (last_activity, room_id) < (?, ?))
               ORDER BY last_activity DESC, room_id DESC LIMIT ?`,
              filter,
              filter,
              after?.id ?? null,
              after?.activity ?? 0,
              after?.id ?? "",
              limit + 1,
            )
            .toArray()
        : this.sql
            .exec<RoomRow>(
              `SELECT ${COLUMNS} FROM rooms
               WHERE (? = '' OR instr(name_folded, ?) > 0)
                 AND (? IS NULL OR (online, last_activity, room_id) < (?, ?, ?))
               ORDER BY online DESC, last_activity DESC, room_id DESC LIMIT ?`,
              filter,
              filter,
              after?.id ?? null,
              after?.online ?? 0,
              after?.activity ?? 0,
              after?.id ?? "",
              limit + 1,
            )
            .toArray();
    const more = rows.length > limit;
    if (more) rows.pop();
    const last = rows[rows.length - 1];
    return {
      rooms: rows.map(toRoom),
      nextCursor: more && last ? cursorOf(last, sort) : null,
    };
  }
}

/** Case folding for the name filter; the same on both sides of the comparison. */
function fold(s: string): string {
  return s.toLowerCase();
}

function cursorOf(row: RoomRow, sort: DirectorySort): string {
  return sort === "activity"
    ? `${row.last_activity}.${row.room_id}`
    : `${row.online}.${row.last_activity}.${row.room_id}`;
}

function parseCursor(
  cursor: string,
  sort: DirectorySort,
): { online: number; activity: number; id: string } {
  const parts = cursor.split(".");
  if (sort === "activity" && parts.length === 2) {
    return { online: 0, activity: Number(parts[0]), id: parts[1] as string };
  }
  if (sort === "online" && parts.length === 3) {
    return { online: Number(parts[0]), activity: Number(parts[1]), id: parts[2] as string };
  }
  // The route validates the cursor against the sort (cursorFitsSort); this is a programming error.
  throw new Error("cursor does not fit the sort order");
}

function toRoom(row: RoomRow): DirectoryRoom {
  return {
    id: row.room_id,
    name: row.name,
    topic: row.topic,
    online: row.online,
    lastActivity: row.last_activity,
    messageCount: row.message_count,
    createdAt: row.created_at,
  };
}
