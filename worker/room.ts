import { DurableObject } from "cloudflare:workers";
import { nanoid } from "nanoid";
import {
  ClientFrame,
  type CreateRoomRequest,
  type ErrorCode,
  type ErrorFrame,
  LIMITS,
  type Member,
  PING_FRAME,
  PONG_FRAME,
  PROTOCOL_VERSION,
  type RoomBody,
  type RoomInfo,
  type SendFrame,
  type ServerFrame,
} from "../protocol";
import { RateLimiter } from "./rate-limit";
import {
  authorOf,
  type Connection,
  connectionOf,
  IDENTITY_HEADER,
  Identity,
  memberOf,
} from "./room-connection";
import { RoomStore } from "./room-store";
import { type UnreadQuery, unreadIn } from "./room-unread";

/**
 * One chat room: its sockets (Hibernation API), presence and history (SQLite). Every change is
 * written to storage before it is acknowledged or broadcast.
 */
export class Room extends DurableObject<Env> {
  private readonly store: RoomStore;
  private readonly connLimiter = new RateLimiter(LIMITS.sendBurst, LIMITS.sendPerSecond);
  private readonly userLimiter = new RateLimiter(LIMITS.userSendBurst, LIMITS.userSendPerSecond);
  /** Recent error frames per connection: `count` since `since`, for the 1008 policy close. */
  private readonly violations = new Map<string, { count: number; since: number }>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new RoomStore(ctx.storage.sql);
    ctx.blockConcurrencyWhile(async () => this.store.migrate());
    // Keep-alives are answered by the runtime without waking the room.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING_FRAME, PONG_FRAME));
  }

  // ── RPC from the Worker ────────────────────────────────────────────────

  async create(id: string, input: CreateRoomRequest, ownerId: string): Promise<RoomInfo> {
    const existing = this.store.info();
    if (existing) return existing;
    const info: RoomInfo = {
      id,
      name: input.name,
      topic: input.topic ?? "",
      visibility: input.visibility ?? "public",
      ownerId,
      createdAt: Date.now(),
    };
    this.store.createRoom(info);
    return info;
  }

  async describe(): Promise<RoomBody | null> {
    const room = this.store.info();
    if (!room) return null;
    return { room, online: this.members().length, lastSeq: this.store.lastSeq };
  }

  async history(before: number | undefined, limit: number) {
    if (!this.store.info()) return null;
    return this.store.page(before, limit);
  }

  /** A user's unread state here, for GET /api/me/rooms (room-unread.ts); null: no such room. */
  async unread(q: UnreadQuery) {
    const room = this.store.info();
    if (!room) return null;
    return { room, ...unreadIn(this.ctx.storage.sql, q, this.store.lastSeq) };
  }

  // ── WebSocket upgrade (forwarded by the Worker after it checked the session) ──

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Expected a WebSocket upgrade", { status: 426 });
    }
    const identity = Identity.safeParse(JSON.parse(request.headers.get(IDENTITY_HEADER) ?? "null"));
    if (!identity.success) return new Response("Missing identity", { status: 500 });
    const room = this.store.info();
    if (!room) return new Response("No such room", { status: 404 });

    const sinceParam = new URL(request.url).searchParams.get("since");
    const since = sinceParam && /^\d{1,15}$/.test(sinceParam) ? Number(sinceParam) : null;

    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [identity.data.id]);
    const conn: Connection = {
      ...identity.data,
      cid: nanoid(12),
      status: "online",
      lastSeen: Date.now(),
    };
    server.serializeAttachment(conn);

    const alreadyHere = this.ctx.getWebSockets(conn.id).length > 1;
    this.welcome(server, conn, room, since);
    if (!alreadyHere)
      this.broadcast({ type: "presence", op: "join", member: memberOf(conn) }, server);
    return new Response(null, { status: 101, webSocket: client });
  }

  private welcome(ws: WebSocket, conn: Connection, room: RoomInfo, since: number | null) {
    const events = since === null ? null : this.store.eventsSince(since, LIMITS.maxCatchUpEvents);
    const snapshot = events ? null : this.store.page(undefined, LIMITS.historyPageDefault);
    this.send(ws, {
      type: "welcome",
      protocol: PROTOCOL_VERSION,
      room,
      me: { id: conn.id, name: conn.name, connectionId: conn.cid },
      lastSeq: this.store.lastSeq,
      mode: events ? "catchup" : "snapshot",
      messages: snapshot?.messages ?? [],
      hasMore: snapshot?.hasMore ?? false,
      members: this.members(),
    });
    for (const event of events ?? []) this.send(ws, event);
  }

  // ── Frames ─────────────────────────────────────────────────────────────

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    const conn = connectionOf(ws);
    if (!conn) return;
    if (typeof data !== "string") {
      return this.reject(ws, conn, "binary_unsupported", "Frames are JSON text");
    }
    // Cap before parse: a string's length in UTF-16 units is at least its UTF-8 length / 3.
    if (
      data.length > LIMITS.maxFrameBytes ||
      new TextEncoder().encode(data).length > LIMITS.maxFrameBytes
    ) {
      return this.reject(ws, conn, "too_large", `Frames are at most ${LIMITS.maxFrameBytes} bytes`);
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return this.reject(ws, conn, "bad_request", "Frame is not valid JSON");
    }
    const parsed = ClientFrame.safeParse(json);
    if (!parsed.success) {
      const type = (json as { type?: unknown } | null)?.type;
      const known = ClientFrame.def.options.some((o) => o.shape.type.def.values[0] === type);
      if (!known)
        return this.reject(ws, conn, "unknown_type", `Unknown frame type ${JSON.stringify(type)}`);
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      return this.reject(
        ws,
        conn,
        "bad_request",
        `${where}${issue?.message ?? "Invalid frame"}`,
        refOf(json),
      );
    }
    const frame = parsed.data;
    switch (frame.type) {
      case "send":
        return this.onSend(ws, conn, frame);
      case "history": {
        const page = this.store.page(frame.before, frame.limit ?? LIMITS.historyPageDefault);
        return this.send(ws, { type: "history", id: frame.id, ...page });
      }
      case "sync": {
        const room = this.store.info();
        if (room) this.welcome(ws, conn, room, frame.since);
        return;
      }
      default:
        return this.reject(
          ws,
          conn,
          "unknown_type",
          `Frame type ${frame.type} is not supported yet`,
        );
    }
  }

  private onSend(ws: WebSocket, conn: Connection, frame: SendFrame) {
    const wait = Math.max(this.connLimiter.take(conn.cid), this.userLimiter.take(conn.id));
    if (wait > 0) {
      return this.reject(ws, conn, "rate_limited", "You're sending too fast", frame.clientId, wait);
    }
    const replyTo = frame.replyTo ?? null;
    if (replyTo !== null && !this.store.hasMessage(replyTo)) {
      return this.reject(
        ws,
        conn,
        "not_found",
        `No message ${replyTo} to reply to`,
        frame.clientId,
      );
    }
    const now = Date.now();
    const { message, duplicate } = this.store.insertMessage({
      clientId: frame.clientId,
      author: authorOf(conn),
      text: frame.text,
      replyTo,
      now,
    });
    this.send(ws, {
      type: "ack",
      clientId: frame.clientId,
      seq: message.seq,
      createdAt: message.createdAt,
    });
    if (!duplicate) this.broadcast({ type: "message", seq: message.seq, message });
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    // Complete the closing handshake; 1005/1006 are reserved and cannot be sent back.
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // already closed
    }
    this.left(ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.left(ws);
  }

  private left(ws: WebSocket) {
    const conn = connectionOf(ws);
    if (!conn) return;
    this.violations.delete(conn.cid);
    this.connLimiter.forget(conn.cid);
    const stillHere = this.ctx
      .getWebSockets(conn.id)
      .some((other) => other !== ws && isOpen(other));
    if (!stillHere) {
      this.broadcast(
        { type: "presence", op: "leave", member: { ...memberOf(conn), lastSeen: Date.now() } },
        ws,
      );
    }
  }

  // ── Helpers ────────────────────────────────────────────────────────────

  /** Everyone online, one entry per user (a user with three tabs counts once). */
  private members(): Member[] {
    const byUser = new Map<string, Member>();
    for (const ws of this.ctx.getWebSockets()) {
      const conn = connectionOf(ws);
      if (!conn || !isOpen(ws)) continue;
      const seen = byUser.get(conn.id);
      // Online wins over idle: the user is active in at least one tab.
      if (!seen || (seen.status === "idle" && conn.status === "online"))
        byUser.set(conn.id, memberOf(conn));
    }
    return [...byUser.values()];
  }

  private send(ws: WebSocket, frame: ServerFrame) {
    try {
      ws.send(JSON.stringify(frame));
    } catch {
      // The socket closed under us; webSocketClose cleans up.
    }
  }

  /** Serialises once, sends to every open socket (except `skip`). */
  private broadcast(frame: ServerFrame, skip?: WebSocket) {
    const text = JSON.stringify(frame);
    for (const ws of this.ctx.getWebSockets()) {
      if (ws === skip) continue;
      try {
        ws.send(text);
      } catch {
        // closed; ignore
      }
    }
  }

  /** Answers with an error frame; a client that keeps misbehaving is closed with 1008. */
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
    this.send(ws, frame);
    const now = Date.now();
    let v = this.violations.get(conn.cid);
    if (!v || now - v.since > LIMITS.violationWindowMs) {
      v = { count: 0, since: now };
      this.violations.set(conn.cid, v);
    }
    v.count += 1;
    if (v.count >= LIMITS.maxViolations) {
      this.violations.delete(conn.cid);
      ws.close(1008, "Too many invalid or rate-limited frames");
      this.left(ws);
    }
  }
}

function isOpen(ws: WebSocket): boolean {
  return ws.readyState === WebSocket.OPEN;
}

function refOf(json: unknown): string | undefined {
  if (typeof json !== "object" || json === null) return undefined;
  const { clientId, id } = json as { clientId?: unknown; id?: unknown };
  const ref = typeof clientId === "string" ? clientId : typeof id === "string" ? id : undefined;
  return ref && ref.length <= 64 ? ref : undefined;
}
