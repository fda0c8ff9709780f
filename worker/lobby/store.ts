import type {
  DirectoryBody,
  DirectoryRoom,
  DirectorySort,
  RoomVisibility,
} from "../../protocol/index";
import { migrate } from "../migrations";
import { LOBBY_MIGRATIONS } from "./schema";

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
         last_activity = excluded.last_activity, reported_at = excluded.reported_at
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

  /**
   * One page, newest activity (or most online) first, ties broken by id. Keyset paging: the
   * cursor is the sort key of the last row already seen, so each page is an index range scan.
   * The inner query picks ids from the covering sort index (filter included); only the page's
   * rows are then read whole. A filter that matches little scans the whole index: ~5 ms at
   * 100k rooms (docs/ARCHITECTURE.md).
   */
  page({ q, sort, cursor, limit }: DirectoryPageQuery): DirectoryBody {
    const order = ORDERS[sort];
    const where: string[] = [];
    const params: (string | number)[] = [];
    const filter = fold(q);
    if (filter !== "") {
      where.push("instr(name_folded, ?) > 0");
      params.push(filter);
    }
    if (cursor !== null) {
      const after = parseCursor(cursor, sort);
      where.push(`(${order.key}) < (${order.key.replace(/\w+/g, "?")})`);
      params.push(...after);
    }
    const rows = this.sql
      .exec<RoomRow>(
        `SELECT ${COLUMNS} FROM rooms WHERE room_id IN (
           SELECT room_id FROM rooms ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
           ORDER BY ${order.by} LIMIT ?)
         ORDER BY ${order.by}`,
        ...params,
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

/** Fixed SQL fragments per sort order (never built from input). */
const ORDERS = {
  activity: {
    key: "last_activity, room_id",
    by: "last_activity DESC, room_id DESC",
  },
  online: {
    key: "online, last_activity, room_id",
    by: "online DESC, last_activity DESC, room_id DESC",
  },
} as const satisfies Record<DirectorySort, { key: string; by: string }>;

/** Case folding for the name filter; the same on both sides of the comparison. */
function fold(s: string): string {
  return s.toLowerCase();
}

function cursorOf(row: RoomRow, sort: DirectorySort): string {
  return sort === "activity"
    ? `${row.last_activity}.${row.room_id}`
    : `${row.online}.${row.last_activity}.${row.room_id}`;
}

/** The cursor's sort key values, in the order of ORDERS[sort].key. */
function parseCursor(cursor: string, sort: DirectorySort): (string | number)[] {
  const parts = cursor.split(".");
  const id = parts.pop() as string;
  // The route validates the cursor against the sort (cursorFitsSort); this is a programming error.
  if (parts.length !== (sort === "activity" ? 1 : 2)) {
    throw new Error("cursor does not fit the sort order");
  }
  return [...parts.map(Number), id];
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
