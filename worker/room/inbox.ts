import {
  CLOSE_POLICY,
  type ClientFrame,
  type ErrorCode,
  type ErrorFrame,
  LIMITS,
  type SendFrame,
  type StatusFrame,
} from "../../protocol/index";
import type { Change } from "./changes";
import * as changes from "./changes";
import { type Connection, liveConnectionOf } from "./connection";
import type { Departures } from "./departures";
import { parseClientFrame } from "./frames";
import type { Joins } from "./join";
import type { LobbyReporter } from "./lobby-report";
import type { PendingSends } from "./pending-sends";
import type { RoomPresence } from "./presence";
import type { ReadMarkers } from "./read-markers";
import type { RoomLog } from "./room-log";
import type { SendLimits } from "./send-limits";
import type { RoomSender } from "./sender";
import type { Timeline } from "./timeline";
import { ViolationCounter } from "./violations";

/**
 * Every frame a client sends: parsed (room/frames.ts), charged to its rate budgets
 * (room/send-limits.ts), then handled. A bad or refused frame gets an error frame; a client that
 * keeps earning them is closed with CLOSE_POLICY.
 */
export class Inbox {
  private readonly violations = new ViolationCounter();

  constructor(
    private readonly p: {
      ctx: DurableObjectState;
      timeline: Timeline;
      presence: RoomPresence;
      sender: RoomSender;
      pending: PendingSends;
      departures: Departures;
      joins: Joins;
      readMarkers: ReadMarkers;
      lobby: LobbyReporter;
      limits: SendLimits;
      log: RoomLog;
    },
  ) {}

  receive(ws: WebSocket, data: string | ArrayBuffer) {
    // A socket the room closed (kick, ban, sign-out, policy) may still deliver frames until its
    // peer answers the close: they do nothing, and cost no budget or violation.
    const conn = liveConnectionOf(ws);
    if (!conn) return;
    const now = Date.now();
    this.p.presence.heard(conn.cid, now);
    const parsed = parseClientFrame(data);
    if (!parsed.ok) return this.reject(ws, conn, parsed.code, parsed.message, parsed.ref);
    try {
      this.dispatch(ws, conn, parsed.frame, now);
    } catch (err) {
      // A bug must not take the room down: this socket gets an error, the others carry on.
      console.error(
        JSON.stringify({ level: "error", frame: parsed.frame.type, error: String(err) }),
      );
      this.p.sender.send(ws, {
        type: "error",
        code: "internal",
        message: "Something went wrong on our side",
      });
    }
  }

  /** The connection closed: its violations and rate state go. */
  forget(cid: string): void {
    this.violations.forget(cid);
    this.p.limits.forget(cid);
  }

  private dispatch(ws: WebSocket, conn: Connection, frame: ClientFrame, now: number) {
    const { timeline, sender } = this.p;
    const refusal = this.p.limits.charge(conn, frame, now);
    if (refusal) {
      this.p.log.refused(refusal.by);
      const ref = frame.type === "send" ? frame.clientId : "id" in frame ? frame.id : undefined;
      if (refusal.by === "sender")
        return this.reject(ws, conn, "rate_limited", "You're sending too fast", ref, refusal.wait);
      // Not a violation of the sender's: the room as a whole is over what it sustains right now.
      return sender.send(ws, {
        type: "error",
        code: "rate_limited",
        message: "The room is busy: wait a moment and send again",
        ref,
        retryAfter: refusal.wait,
      });
    }
    // A change takes the next seq at once: queued sends are stored first, so seqs go out in order.
    if (
      frame.type === "edit" ||
      frame.type === "delete" ||
      frame.type === "react" ||
      frame.type === "topic"
    )
      this.p.pending.commit();
    switch (frame.type) {
      case "send":
        return this.onSend(ws, conn, frame, now);
      case "edit":
        return this.apply(ws, conn, changes.edit(timeline, conn, frame, now));
      case "delete":
        return this.apply(ws, conn, changes.remove(timeline, conn, frame, now));
      case "react":
        return this.apply(ws, conn, changes.react(timeline, conn, frame, now));
      case "topic":
        return this.apply(ws, conn, changes.topic(timeline, conn, frame, now));
      case "typing":
        return this.onTyping(conn, now);
      case "status":
        return this.onStatus(ws, conn, frame, now);
      case "history": {
        const page = timeline.page(frame.before, frame.limit ?? LIMITS.historyPageDefault);
        return sender.send(ws, { type: "history", id: frame.id, ...page });
      }
      case "search": {
        const limit = frame.limit ?? LIMITS.searchPageDefault;
        const page = timeline.searchMessages(frame.q, frame.before, limit);
        return sender.send(ws, { type: "search", id: frame.id, ...page });
      }
      case "sync": {
        const room = timeline.record.info();
        if (room) this.p.joins.welcome(ws, room, conn, frame.since);
        return;
      }
      case "ping":
        return sender.send(ws, { type: "pong" });
      case "read": {
        // Read markers belong to the user's room list (room-list/store.ts), not to the room.
        const room = timeline.record.info();
        if (room) this.p.readMarkers.read(conn.id, room.id, frame.seq, timeline.lastSeq);
        return;
      }
    }
  }

  private onSend(ws: WebSocket, conn: Connection, frame: SendFrame, now: number) {
    const replyTo = frame.replyTo ?? null;
    // A deleted message is gone for replies too, as for edits and reactions.
    if (replyTo !== null && this.p.timeline.messages.meta(replyTo)?.deleted !== false) {
      const message = `No message ${replyTo} to reply to`;
      return this.reject(ws, conn, "not_found", message, frame.clientId);
    }
    // Stored by the next flush, with every send of the same tick in one commit.
    this.p.pending.add(ws, conn, frame, replyTo, now);
  }

  /** Broadcasts a stored change, or answers why it was refused. */
  private apply(ws: WebSocket, conn: Connection, change: Change) {
    if (!change.ok) return this.reject(ws, conn, change.code, change.message);
    if (!change.event) return;
    this.p.sender.broadcast(change.event);
    // What the directory shows: the message count and the topic.
    if (change.event.type === "delete" || change.event.type === "topic") this.p.lobby.changed();
  }

  /** Never stored; at most one relay per user per throttle window; never echoed to the typist. */
  private onTyping(conn: Connection, now: number) {
    if (!this.p.presence.typing(conn.id, now)) return;
    const own = new Set(this.p.ctx.getWebSockets(conn.id));
    this.p.sender.broadcast({ type: "typing", userId: conn.id, name: conn.name }, (ws) =>
      own.has(ws),
    );
  }

  /** The client reports page visibility; the others hear about it when the user's status changes. */
  private onStatus(ws: WebSocket, conn: Connection, frame: StatusFrame, now: number) {
    const member = this.p.presence.setStatus(ws, conn, frame.status, now);
    if (member) this.p.sender.broadcast({ type: "presence", op: "update", member });
  }

  /** Answers with an error frame; a client that keeps misbehaving is closed with CLOSE_POLICY. */
  private reject(
    ws: WebSocket,
    conn: Connection,
    code: ErrorCode,
    message: string,
    ref?: string,
    retryAfter?: number,
  ) {
    const frame: ErrorFrame = { type: "error", code, message };
    if (ref !== undefined) frame.ref = ref;
    if (retryAfter !== undefined) frame.retryAfter = retryAfter;
    this.p.sender.send(ws, frame);
    const now = Date.now();
    const abusive =
      retryAfter === undefined
        ? this.violations.record(conn.cid, now)
        : this.violations.limited(conn.cid, now, retryAfter);
    if (!abusive) return;
    this.p.sender.flushNow(); // the error frame goes out before the close
    this.p.departures.close([ws], CLOSE_POLICY, "Too many invalid or rate-limited frames");
  }
}
