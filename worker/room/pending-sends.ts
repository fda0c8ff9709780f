import type { SendFrame, ServerFrame } from "../../protocol/index";
import type { RoomAlarms } from "./alarms";
import { authorOf, type Connection, closedByRoom, markSeen } from "./connection";
import type { LobbyReporter } from "./lobby-report";
import type { Entry } from "./outbox";
import type { RoomPresence } from "./presence";
import type { RoomSender } from "./sender";
import type { RoomSettings } from "./settings";
import type { Timeline } from "./timeline";

/** New messages wait at most this long for the search index (a search indexes them at once). */
const INDEX_DELAY_MS = 5_000;
/**
 * Each room object adds a random part of this to its indexing delay, so rooms that got busy
 * together (a server start, an event) do not all index in the same instant.
 */
const INDEX_SPREAD_MS = 2_000;
/** A connection's lastSeen is rewritten at most this often by sends. */
const LAST_SEEN_RESOLUTION_MS = 30_000;

/** A send that passed every check, waiting for the next flush to be stored. */
type PendingSend = {
  ws: WebSocket;
  conn: Connection;
  frame: SendFrame;
  replyTo: number | null;
  now: number;
  /** Its places in the outbox: the ack to the sender, the message to everyone. */
  ack: Entry;
  event: Entry;
};

/**
 * Group commit: sends accepted since the last flush are stored together, in one transaction
 * (one commit for the tick instead of one per message), then acknowledged and broadcast. The
 * runtime holds those frames until the commit is durable, so write-before-ack holds for every
 * message of the batch.
 */
export class PendingSends {
  private pending: PendingSend[] = [];
  /** This object's share of INDEX_SPREAD_MS. */
  private readonly indexDelay = INDEX_DELAY_MS + Math.floor(Math.random() * INDEX_SPREAD_MS);

  constructor(
    private readonly p: {
      storage: DurableObjectStorage;
      timeline: Timeline;
      sender: RoomSender;
      presence: RoomPresence;
      lobby: LobbyReporter;
      alarms: RoomAlarms;
      settings: RoomSettings;
    },
  ) {}

  /** Queues a send for the next flush; its ack and broadcast keep their place in the outbox. */
  add(ws: WebSocket, conn: Connection, frame: SendFrame, replyTo: number | null, now: number) {
    const { ack, event } = this.p.sender.reserve(ws, now);
    this.pending.push({ ws, conn, frame, replyTo, now, ack, event });
  }

  /**
   * Stores the queued sends in one transaction and fills in their acks and broadcasts; returns
   * whether anything was written.
   */
  commit(): boolean {
    // A socket the room closed since (kick, ban, sign-out) posts nothing: its queued sends are
    // dropped unanswered, as if they had arrived after the close.
    const sends = this.pending.filter((s) => !closedByRoom(s.ws));
    this.pending = [];
    if (sends.length === 0) return false;
    const { storage, timeline } = this.p;
    let stored: ReturnType<Timeline["insertMessage"]>[];
    try {
      stored = storage.transactionSync(() =>
        sends.map((s) =>
          timeline.insertMessage({
            clientId: s.frame.clientId,
            author: authorOf(s.conn),
            text: s.frame.text,
            replyTo: s.replyTo,
            now: s.now,
          }),
        ),
      );
    } catch (err) {
      // Nothing of the batch was stored (the transaction rolled back): nobody gets an ack, and
      // every sender may resend with the same clientId.
      timeline.reloadCounters();
      console.error(JSON.stringify({ level: "error", where: "commitSends", error: String(err) }));
      for (const s of sends)
        s.ack.text = JSON.stringify({
          type: "error",
          code: "internal",
          message: "Something went wrong on our side",
          ref: s.frame.clientId,
        } satisfies ServerFrame);
      return false;
    }
    let last = 0;
    sends.forEach((s, i) => {
      const { message, duplicate } = stored[i] as (typeof stored)[number];
      s.ack.text = JSON.stringify({
        type: "ack",
        clientId: s.frame.clientId,
        seq: message.seq,
        createdAt: message.createdAt,
      } satisfies ServerFrame);
      if (duplicate) return;
      s.event.text = JSON.stringify({
        type: "message",
        seq: message.seq,
        message,
      } satisfies ServerFrame);
      last = s.now;
      if (s.now - s.conn.lastSeen > LAST_SEEN_RESOLUTION_MS) {
        markSeen(s.ws, s.conn, s.now);
        this.p.presence.changed();
      }
    });
    if (last) this.scheduleChores(last);
    return true;
  }

  /** Debounced chores after new messages: these write only when the job is not already pending. */
  private scheduleChores(last: number): void {
    const { lobby, alarms, timeline, settings } = this.p;
    lobby.changed(last);
    alarms.schedule("index", last + this.indexDelay);
    // How far over the cap a room may go before a prune pass runs (so passes are not per message).
    const slack = Math.max(1, Math.floor(settings.retentionMessages / 100));
    if (timeline.messageCount > settings.retentionMessages + slack) alarms.schedule("prune", last);
  }
}
