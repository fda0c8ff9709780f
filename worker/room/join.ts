import { nanoid } from "nanoid";
import {
  BATCH_PARAM,
  CLIENT_FRAME_TYPES,
  type ErrorBody,
  type ErrorCode,
  LIMITS,
  PROTOCOL_VERSION,
  type RoomInfo,
  type WelcomeFrame,
} from "../../protocol/index";
import type { RoomAccess } from "./access";
import type { RoomAlarms } from "./alarms";
import { attach, type Connection, IDENTITY_HEADER, Identity, memberOf } from "./connection";
import { SWEEP_EVERY_MS } from "./departures";
import type { LobbyReporter } from "./lobby-report";
import { batchTexts } from "./outbox";
import type { RoomPresence } from "./presence";
import type { RoomSender } from "./sender";
import type { Timeline } from "./timeline";

/**
 * Joining: the WebSocket upgrade the Worker forwards after it checked the session, and the
 * welcome a socket gets on joining and on `sync`.
 */
export class Joins {
  constructor(
    private readonly p: {
      ctx: DurableObjectState;
      timeline: Timeline;
      access: RoomAccess;
      presence: RoomPresence;
      sender: RoomSender;
      alarms: RoomAlarms;
      lobby: LobbyReporter;
    },
  ) {}

  /** Accepts the socket (101) or answers why not, as the API's error body. */
  accept(request: Request): Response {
    const { ctx, timeline, access, presence, sender } = this.p;
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return errorResponse("bad_request", "Expected a WebSocket upgrade", 426);
    }
    const identity = Identity.safeParse(parseJson(request.headers.get(IDENTITY_HEADER)));
    if (!identity.success) return errorResponse("internal", "Missing identity", 500);
    const room = timeline.record.info();
    if (!room) return errorResponse("not_found", "No such room", 404);

    const params = new URL(request.url).searchParams;
    const admission = access.admit(room, identity.data.id, params.get("invite"));
    if (!admission.ok) {
      const status = admission.code === "unauthorized" ? 401 : 403;
      return errorResponse(admission.code, admission.message, status);
    }
    access.addMember(identity.data.id);
    const sinceParam = params.get("since");
    const since = sinceParam && /^\d{1,15}$/.test(sinceParam) ? Number(sinceParam) : null;
    // Whatever was gathered goes out first: the welcome's lastSeq must cover it, and the new
    // socket must not get it again.
    sender.flushNow();

    const now = Date.now();
    const alreadyHere = presence.isHere(identity.data.id);
    const { 0: client, 1: server } = new WebSocketPair();
    ctx.acceptWebSocket(server, [identity.data.id]);
    const conn: Connection = { ...identity.data, cid: nanoid(12), status: "online", lastSeen: now };
    if (params.get(BATCH_PARAM) === "1") conn.batch = true;
    attach(server, conn);
    sender.accepted(server, conn.batch === true);
    presence.changed();
    presence.heard(conn.cid, now);

    this.welcome(server, room, conn, since);
    if (!alreadyHere)
      sender.broadcast(
        { type: "presence", op: "join", member: memberOf(conn) },
        (ws) => ws === server,
      );
    this.p.alarms.schedule("sweep", now + SWEEP_EVERY_MS);
    this.p.lobby.changed(now);
    return new Response(null, { status: 101, webSocket: client });
  }

  /**
   * A snapshot (latest page) or, when the client says what it saw and the gap is small, a replay.
   * Sent at once, after anything gathered: a client that takes batches gets the welcome and the
   * replay in as few frames as the frame cap allows, others one frame per event.
   */
  welcome(ws: WebSocket, room: RoomInfo, conn: Connection, since: number | null): void {
    const { timeline, presence, sender } = this.p;
    sender.flushNow();
    const events = since === null ? null : timeline.eventsSince(since, LIMITS.maxCatchUpEvents);
    // The parts every join shares (the latest page, the member list) are serialised once per
    // change (room/timeline.ts, room/presence.ts); only `me` and the framing are per socket.
    const snapshot = events ? null : timeline.latestPageText(LIMITS.historyPageDefault);
    const head = {
      type: "welcome",
      protocol: PROTOCOL_VERSION,
      room,
      me: { id: conn.id, name: conn.name, connectionId: conn.cid },
      lastSeq: timeline.lastSeq,
      mode: events ? "catchup" : "snapshot",
      features: CLIENT_FRAME_TYPES,
    } satisfies Partial<WelcomeFrame>;
    const welcome = `${JSON.stringify(head).slice(0, -1)},"messages":${snapshot?.messages ?? "[]"},"hasMore":${snapshot?.hasMore ?? false},"members":${presence.membersText()}}`;
    const texts = [welcome, ...(events ?? []).map((e) => JSON.stringify(e))];
    for (const text of conn.batch ? batchTexts(texts) : texts) {
      try {
        ws.send(text);
      } catch {
        return; // closed under us
      }
    }
  }
}

/** The API's error body (`{error: {code, message}}`) for an upgrade the room refuses. */
function errorResponse(code: ErrorCode, message: string, status: number): Response {
  return Response.json({ error: { code, message } } satisfies ErrorBody, { status });
}

function parseJson(text: string | null): unknown {
  try {
    return JSON.parse(text ?? "null");
  } catch {
    return null;
  }
}
