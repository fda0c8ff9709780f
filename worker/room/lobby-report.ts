import type { RoomInfo } from "../../protocol/index";
import type { RoomReport } from "../lobby/store";
import { lobbyStub } from "../stubs";

/** At most one directory write per room per interval, however busy the room is. */
export const LOBBY_REPORT_INTERVAL_MS = 2000;
/** An occupied room re-reports this often, so the lobby can tell a live count from a lost one. */
export const LOBBY_HEARTBEAT_MS = 10 * 60 * 1000;
/** The name of the room's alarm task that sends the report. */
export const LOBBY_REPORT_TASK = "lobby-report";

/** What the directory shows of a room, as the room sees it right now. */
export type RoomSnapshot = Omit<RoomReport, "at">;

// Small synchronous KV entries (SQLite-backed objects): they survive hibernation and eviction.
const LAST_AT = "lobby-report:last-at";
const LAST = "lobby-report:last";

/**
 * Room-side reporting to the Lobby, debounced through the room's alarm multiplexer, whose
 * `schedule(name, at)` keeps the earlier time of a pending job (room/alarms.ts). `changed()` may
 * be called on every event: it asks for one report at the start of the next free interval, and
 * asking again while that is pending writes nothing. The report is a whole snapshot taken when
 * it is sent, so coalesced changes are never lost, and an unchanged snapshot is not sent at all.
 * A burst of messages therefore costs at most 1 + duration / LOBBY_REPORT_INTERVAL_MS writes.
 */
export class LobbyReporter {
  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly env: Env,
    /** Runs `send()` at `at` through the room's alarm; keeps the earlier of two pending times. */
    private readonly schedule: (at: number) => void,
  ) {}

  /** Something the directory shows may have changed (a message, a join, a leave, a rename). */
  changed(now = Date.now()): void {
    const lastAt = this.storage.kv.get<number>(LAST_AT) ?? 0;
    this.schedule(Math.max(now, lastAt + LOBBY_REPORT_INTERVAL_MS));
  }

  /**
   * The alarm job: sends the snapshot if it differs from the last one sent (or the heartbeat is
   * due), and keeps an occupied room's heartbeat going. `snapshot` is null for a room that does
   * not exist (nothing to report). A failed call is retried by the multiplexer.
   */
  async send(snapshot: RoomSnapshot | null, now = Date.now()): Promise<void> {
    if (!snapshot) return;
    const kv = this.storage.kv;
    const last = kv.get<string>(LAST);
    // Private rooms and DMs never talk to the directory, unless they were listed once and must
    // now be taken off it.
    if (snapshot.visibility !== "public" && !last?.includes('"visibility":"public"')) return;
    const text = JSON.stringify(snapshot);
    const lastAt = kv.get<number>(LAST_AT) ?? 0;
    const heartbeatDue = now - lastAt >= LOBBY_HEARTBEAT_MS / 2;
    if (text !== last || heartbeatDue) {
      // Taken before the call, so a change during it is reported one interval later, not now.
      kv.put(LAST_AT, now);
      await lobbyStub(this.env).report({ ...snapshot, at: now });
      kv.put(LAST, text);
    }
    // A pending change report is earlier and wins; this only matters for a quiet occupied room.
    if (snapshot.online > 0) this.schedule(now + LOBBY_HEARTBEAT_MS);
  }
}

/**
 * The room's directory snapshot: its info, the distinct users online, its stored message count
 * (kept by the history) and the time of its last message.
 */
export function roomSnapshot(
  info: RoomInfo,
  online: number,
  messageCount: number,
  lastMessageAt: number | null,
): RoomSnapshot {
  return {
    id: info.id,
    name: info.name,
    topic: info.topic,
    visibility: info.visibility,
    online,
    messageCount,
    lastActivity: lastMessageAt ?? info.createdAt,
    createdAt: info.createdAt,
  };
}
