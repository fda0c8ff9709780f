import { DurableObject } from "cloudflare:workers";
import { nanoid } from "nanoid";
import {
  BATCH_PARAM,
  type BansBody,
  CLIENT_FRAME_TYPES,
  CLOSE_LEFT,
  CLOSE_SIGNED_OUT,
  type ClientFrame,
  type CreateRoomRequest,
  type ErrorBody,
  type ErrorCode,
  type ErrorFrame,
  LIMITS,
  type MessagesBody,
  PING_FRAME,
  PONG_FRAME,
  PROTOCOL_VERSION,
  type RoomBody,
  type RoomInfo,
  type SendFrame,
  type ServerFrame,
  type StatusFrame,
  type WelcomeFrame,
} from "../../protocol/index";
import { RateLimiter } from "../rate-limit";
import { type Admission, type BannedIdentity, RoomAccess } from "./access";
import { RoomAlarms } from "./alarms";
import { type BlockStat, BlockTimer } from "./blocks";
import type { Change } from "./changes";
import * as changes from "./changes";
import {
  authorOf,
  type Connection,
  closedByRoom,
  connectionOf,
  IDENTITY_HEADER,
  Identity,
  liveConnectionOf,
  memberOf,
} from "./connection";
import { DM_REFUSAL, dmAdmits, dmPair, newDm, renameForPeer } from "./dm";
import { Flusher } from "./flusher";
import { parseClientFrame } from "./frames";
import { LOBBY_REPORT_TASK, LobbyReporter, roomSnapshot } from "./lobby-report";
import { decide, type ModerationAction, type ModerationResult, removeSockets } from "./moderation";
import { batchTexts, type Entry, Outbox } from "./outbox";
import { canChangeRoom } from "./permissions";
import { RoomPresence } from "./presence";
import { ReadMarkers } from "./read-markers";
import { SendBudget } from "./send-budget";
import { type RoomSettings, type RoomSettingsEnv, roomSettings } from "./settings";
import { applyProfile, closeSignedOut, type ProfileChange } from "./sign-out";
import { closeSocket, closeSockets, ViolationCounter } from "./sockets";
import { RoomStore } from "./store";
import { type UnreadQuery, unreadIn } from "./unread";

/** The stale-socket sweep runs this often while anyone is connected. */
const SWEEP_EVERY_MS = LIMITS.staleSocketMs / 2;
/** New messages wait at most this long for the search index (a search indexes them at once). */
const INDEX_DELAY_MS = 5_000;
/**
 * Each room object adds a random part of this to its indexing delay, so rooms that got busy
 * together (a server start, an event) do not all index in the same instant.
 */
const INDEX_SPREAD_MS = 2_000;
/** Between two slices of a long chore, sockets get at least this long. */
const CHORE_GAP_MS = 20;
/** Messages removed per retention slice; a slice that leaves more schedules the next one. */
const PRUNE_BATCH = 200;
/** A connection's lastSeen is rewritten at most this often by sends. */
const LAST_SEEN_RESOLUTION_MS = 30_000;

/**
 * One chat room: its sockets (Hibernation API), presence and history (SQLite). Every change is
 * written to storage before it is acknowledged or broadcast. The send path is one INSERT, one ack
 * and one broadcast serialised once; indexing, pruning and the stale-socket sweep are alarm jobs.
 */
export class Room extends DurableObject<Env> {
  private readonly store: RoomStore;
  private readonly access: RoomAccess;
  private readonly settings: RoomSettings;
  private readonly alarms: RoomAlarms;
  /** Debounced reports to the public directory (room/lobby-report.ts). */
  private readonly lobby: LobbyReporter;
  private readonly readMarkers: ReadMarkers;
  private readonly connLimiter: RateLimiter;
  private readonly userLimiter: RateLimiter;
  private readonly presence: RoomPresence;
  private readonly violations = new ViolationCounter();
  /** The whole room's send budget, following what the room sustains; see room/send-budget.ts. */
  private readonly budget: SendBudget | null;
  /** Frames gathered until the next flush, one socket message per socket (room/outbox.ts). */
  private readonly outbox: Outbox;
  private readonly flusher: Flusher;
  /** Sends accepted but not yet stored: the next flush stores them in one commit, then acks. */
  private pendingSends: PendingSend[] = [];
  /** This object's share of INDEX_SPREAD_MS. */
  private readonly indexDelay = INDEX_DELAY_MS + Math.floor(Math.random() * INDEX_SPREAD_MS);
  /** Whether each socket takes `batch` frames (from its attachment, read once per socket). */
  private readonly batching = new WeakMap<WebSocket, boolean>();
  /** How long each piece of work took; read by the benchmark (room/blocks.ts). */
  private readonly blocks: BlockTimer;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.settings = roomSettings(env as Env & RoomSettingsEnv);
    this.blocks = new BlockTimer(this.settings.debugStats);
    const max = this.settings.sendBudgetMax;
    this.budget = max === null ? null : new SendBudget(max);
    this.outbox = new Outbox(
      () => ctx.getWebSockets(),
      (ws) => this.batches(ws),
    );
    this.flusher = new Flusher(
      (lateMs) => this.flush(lateMs),
      (commitMs) => this.budget?.observe(commitMs, Date.now()),
    );
    const scale = this.settings.rateScale;
    this.connLimiter = new RateLimiter(LIMITS.sendBurst * scale, LIMITS.sendPerSecond * scale);
    this.userLimiter = new RateLimiter(
      LIMITS.userSendBurst * scale,
      LIMITS.userSendPerSecond * scale,
    );
    this.store = new RoomStore(ctx.storage);
    this.access = new RoomAccess(ctx.storage.sql);
    this.presence = new RoomPresence(ctx);
    this.lobby = new LobbyReporter(ctx.storage, env, (at) =>
      this.alarms.schedule(LOBBY_REPORT_TASK, at),
    );
    this.readMarkers = new ReadMarkers(ctx, env);
    this.alarms = new RoomAlarms(
      ctx.storage,
      {
        [LOBBY_REPORT_TASK]: (now) => this.lobby.send(this.lobbySnapshot(), now),
        sweep: (now) => {
          this.sweepStale(now - LIMITS.staleSocketMs, now);
        },
        index: (now) => {
          if (this.store.search.indexPending()) this.alarms.schedule("index", now + CHORE_GAP_MS);
        },
        prune: (now) => {
          if (this.store.prune(this.settings.retentionMessages, PRUNE_BATCH))
            this.alarms.schedule("prune", now + CHORE_GAP_MS);
        },
      },
      this.blocks,
    );
    ctx.blockConcurrencyWhile(async () => {
      this.store.migrate();
      await this.alarms.load();
    });
    // Keep-alives are answered by the runtime without waking the room.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING_FRAME, PONG_FRAME));
  }

  override async alarm(): Promise<void> {
    await this.alarms.run();
  }

  // ── RPC from the Worker ────────────────────────────────────────────────

  /** The longest and total time of each kind of work since the object started (debug route). */
  async blockStats(): Promise<Record<string, BlockStat>> {
    return this.blocks.snapshot();
  }

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
    this.access.addMember(ownerId);
    if (info.visibility === "private") this.access.rotateInvite();
    return info;
  }

  /** Whether the room admits `userId` (null: no session) holding `invite`; null if no room. */
  async admit(userId: string | null, invite: string | null): Promise<Admission | null> {
    const room = this.store.info();
    return room ? this.admission(room, userId, invite) : null;
  }

  /** The access rules (room/access.ts), narrowed for a DM to its two members (room/dm.ts). */
  private admission(room: RoomInfo, userId: string | null, invite: string | null): Admission {
    if (userId !== null && !dmAdmits(this.ctx.storage, userId)) return DM_REFUSAL;
    return this.access.admit(room, userId, invite);
  }

  /** For the owner: the room and its share link, after issuing a new invite if asked. */
  async ownerView(byUserId: string, rotateInvite: boolean) {
    const room = this.store.info();
    if (!room) return null;
    if (!canChangeRoom(byUserId, room)) return "forbidden" as const;
    if (rotateInvite) this.access.rotateInvite();
    return { room, link: this.access.link(room) };
  }

  /** Kick, ban or unban; a removed user's sockets here are closed before this returns. */
  async moderate(
    byUserId: string,
    action: ModerationAction,
    userId: string,
  ): Promise<ModerationResult | null> {
    const room = this.store.info();
    if (!room) return null;
    const who = action === "ban" ? this.identityOf(userId) : null;
    const verdict = decide(this.access, room, byUserId, action, userId, who);
    if (!verdict.ok) return verdict;
    if (!verdict.removal) return { ok: true, closed: 0 };
    const closed = removeSockets(this.ctx.getWebSockets(userId), verdict.removal);
    for (const ws of closed) this.left(ws);
    return { ok: true, closed: closed.length };
  }

  /** For the owner: the room's bans, newest first; null without a room. */
  async bans(byUserId: string): Promise<BansBody | "forbidden" | null> {
    const room = this.store.info();
    if (!room) return null;
    if (!canChangeRoom(byUserId, room)) return "forbidden";
    return this.access.bans(LIMITS.bansListed);
  }

  /** How this room knows `userId`: an open socket's identity, else their latest message's. */
  private identityOf(userId: string): BannedIdentity | null {
    for (const ws of this.ctx.getWebSockets(userId)) {
      const conn = connectionOf(ws);
      if (conn) return authorOf(conn);
    }
    return this.store.latestAuthor(userId);
  }

  /** A session of `userId` ended (null: all of them): close its sockets here (room/sign-out.ts). */
  async signOut(userId: string, sid: string | null): Promise<number> {
    const closed = closeSignedOut(this.ctx.getWebSockets(userId), sid);
    for (const ws of closed) this.left(ws);
    return closed.length;
  }

  /**
   * The user left: no longer a member (a private room needs the invite again), and their sockets
   * here close. The owner stays the owner.
   */
  async leave(userId: string): Promise<void> {
    this.access.removeMember(userId);
    for (const ws of closeSockets(this.ctx.getWebSockets(userId), CLOSE_LEFT, "Left the room")) {
      this.left(ws);
    }
  }

  /**
   * The user changed name or colour (or became an account): update their open sockets here, and
   * in a DM, the other person's room list, which shows the conversation under this name.
   */
  async applyProfile(userId: string, profile: ProfileChange): Promise<boolean> {
    const member = applyProfile(this.ctx.getWebSockets(userId), profile);
    this.presence.changed();
    if (member) this.broadcast({ type: "presence", op: "update", member });
    const room = this.store.info();
    if (room) await renameForPeer(this.env, this.ctx.storage, room.id, userId, profile.name);
    return member !== null;
  }

  async describe(): Promise<RoomBody | null> {
    const room = this.store.info();
    if (!room) return null;
    return {
      room,
      online: this.presence.members().length,
      lastSeq: this.store.lastSeq,
    };
  }

  async history(before: number | undefined, limit: number): Promise<MessagesBody | null> {
    if (!this.store.info()) return null;
    return this.store.page(before, limit);
  }

  async search(q: string, before: number | undefined, limit: number): Promise<MessagesBody | null> {
    if (!this.store.info()) return null;
    return this.store.searchMessages(q, before, limit);
  }

  /**
   * Owner changes from the HTTP API: each change becomes an event broadcast to the room. Returns
   * the updated room, "forbidden", or null when the room does not exist.
   */
  async update(
    byUserId: string,
    change: { name?: string; topic?: string },
  ): Promise<RoomInfo | "forbidden" | null> {
    const room = this.store.info();
    if (!room) return null;
    if (!canChangeRoom(byUserId, room)) return "forbidden";
    this.commitSends(); // queued sends take their seqs before the rename and topic events
    const now = Date.now();
    if (change.name !== undefined && change.name !== room.name)
      this.broadcast(this.store.rename(change.name, byUserId, now));
    if (change.topic !== undefined && change.topic !== room.topic)
      this.broadcast(this.store.setTopic(change.topic, byUserId, now));
    this.lobby.changed(now);
    return this.store.info();
  }

  /**
   * Opens the direct conversation of `a` and `b` in this room (room/dm.ts); idempotent. Null when
   * the id is taken by something else, which a derived id makes practically impossible.
   */
  async openDm(id: string, a: string, b: string): Promise<RoomInfo | null> {
    const existing = this.store.info();
    if (existing) {
      const pair = dmPair(this.ctx.storage);
      return pair?.includes(a) && pair.includes(b) ? existing : null;
    }
    const info = newDm(this.ctx.storage, id, a, b, Date.now());
    this.store.createRoom(info);
    // Members enter a private room without an invite; a DM never gets an invite token.
    this.access.addMember(a);
    this.access.addMember(b);
    return info;
  }

  /** A user's unread state here, for GET /api/me/rooms (room/unread.ts); null: not for them. */
  async unread(q: UnreadQuery) {
    const room = this.store.info();
    // A user the room no longer admits (banned, removed from a private room) sees nothing of it.
    if (!room || !this.admission(room, q.userId, null).ok) return null;
    return { room, ...unreadIn(this.ctx.storage.sql, q, this.store.lastSeq) };
  }

  /** What the public directory shows of this room right now; null before it exists. */
  private lobbySnapshot() {
    const room = this.store.info();
    if (!room) return null;
    const online = this.presence.members().length;
    return roomSnapshot(this.ctx.storage.sql, room, online, this.store.messageCount);
  }

  // ── WebSocket upgrade (forwarded by the Worker after it checked the session) ──

  override async fetch(request: Request): Promise<Response> {
    return this.blocks.time("join", () => this.upgrade(request));
  }

  private upgrade(request: Request): Response {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return errorResponse("bad_request", "Expected a WebSocket upgrade", 426);
    }
    const identity = Identity.safeParse(parseJson(request.headers.get(IDENTITY_HEADER)));
    if (!identity.success) return errorResponse("internal", "Missing identity", 500);
    const room = this.store.info();
    if (!room) return errorResponse("not_found", "No such room", 404);

    const params = new URL(request.url).searchParams;
    const admission = this.admission(room, identity.data.id, params.get("invite"));
    if (!admission.ok) {
      const status = admission.code === "unauthorized" ? 401 : 403;
      return errorResponse(admission.code, admission.message, status);
    }
    this.access.addMember(identity.data.id);
    const sinceParam = params.get("since");
    const since = sinceParam && /^\d{1,15}$/.test(sinceParam) ? Number(sinceParam) : null;
    // Whatever was gathered goes out first: the welcome's lastSeq must cover it, and the new
    // socket must not get it again.
    this.flusher.now();

    const now = Date.now();
    const alreadyHere = this.presence.isHere(identity.data.id);
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [identity.data.id]);
    const conn: Connection = { ...identity.data, cid: nanoid(12), status: "online", lastSeen: now };
    if (params.get(BATCH_PARAM) === "1") conn.batch = true;
    server.serializeAttachment(conn);
    this.batching.set(server, conn.batch === true);
    this.presence.changed();
    this.presence.heard(conn.cid, now);

    this.welcome(server, room, conn, since);
    if (!alreadyHere)
      this.broadcast(
        { type: "presence", op: "join", member: memberOf(conn) },
        (ws) => ws === server,
      );
    this.alarms.schedule("sweep", now + SWEEP_EVERY_MS);
    this.lobby.changed(now);
    return new Response(null, { status: 101, webSocket: client });
  }

  /**
   * A snapshot (latest page) or, when the client says what it saw and the gap is small, a replay.
   * Sent at once, after anything gathered: a client that takes batches gets the welcome and the
   * replay in as few frames as the frame cap allows, others one frame per event.
   */
  private welcome(ws: WebSocket, room: RoomInfo, conn: Connection, since: number | null) {
    this.flusher.now();
    const events = since === null ? null : this.store.eventsSince(since, LIMITS.maxCatchUpEvents);
    // The parts every join shares (the latest page, the member list) are serialised once per
    // change (room/store.ts, room/presence.ts); only `me` and the framing are per socket.
    const snapshot = events ? null : this.store.latestPageText(LIMITS.historyPageDefault);
    const head = {
      type: "welcome",
      protocol: PROTOCOL_VERSION,
      room,
      me: { id: conn.id, name: conn.name, connectionId: conn.cid },
      lastSeq: this.store.lastSeq,
      mode: events ? "catchup" : "snapshot",
      features: CLIENT_FRAME_TYPES,
    } satisfies Partial<WelcomeFrame>;
    const welcome = `${JSON.stringify(head).slice(0, -1)},"messages":${snapshot?.messages ?? "[]"},"hasMore":${snapshot?.hasMore ?? false},"members":${this.presence.membersText()}}`;
    const texts = [welcome, ...(events ?? []).map((e) => JSON.stringify(e))];
    for (const text of conn.batch ? batchTexts(texts) : texts) {
      try {
        ws.send(text);
      } catch {
        return; // closed under us
      }
    }
  }

  // ── Frames ─────────────────────────────────────────────────────────────

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    this.blocks.time("frame", () => this.onFrame(ws, data));
  }

  private onFrame(ws: WebSocket, data: string | ArrayBuffer) {
    // A socket the room closed (kick, ban, sign-out, 1008) may still deliver frames until its
    // peer answers the close: they do nothing, and cost no budget or violation.
    const conn = liveConnectionOf(ws);
    if (!conn) return;
    const now = Date.now();
    this.presence.heard(conn.cid, now);
    const parsed = parseClientFrame(data);
    if (!parsed.ok) return this.reject(ws, conn, parsed.code, parsed.message, parsed.ref);
    try {
      this.dispatch(ws, conn, parsed.frame, now);
    } catch (err) {
      // A bug must not take the room down: this socket gets an error, the others carry on.
      console.error(
        JSON.stringify({ level: "error", frame: parsed.frame.type, error: String(err) }),
      );
      this.send(ws, {
        type: "error",
        code: "internal",
        message: "Something went wrong on our side",
      });
    }
  }

  private dispatch(ws: WebSocket, conn: Connection, frame: ClientFrame, now: number) {
    // A refused frame takes no token from any budget: every budget is checked before any is
    // charged, and the room's own budget only takes when the sender's allow the frame.
    if (costsToken(frame)) {
      const wait = Math.max(
        this.connLimiter.peek(conn.cid, now),
        this.userLimiter.peek(conn.id, now),
      );
      if (wait > 0) {
        const ref = frame.type === "send" ? frame.clientId : "id" in frame ? frame.id : undefined;
        return this.reject(ws, conn, "rate_limited", "You're sending too fast", ref, wait);
      }
      if (frame.type === "send") {
        // Not a violation of the sender's, and it charges the sender nothing: the room as a
        // whole is over what it sustains right now (room/send-budget.ts).
        const busy = this.budget?.wait(now) ?? 0;
        if (busy > 0) {
          return this.send(ws, {
            type: "error",
            code: "rate_limited",
            message: "The room is busy: wait a moment and send again",
            ref: frame.clientId,
            retryAfter: busy,
          });
        }
        this.budget?.take(now);
      }
      this.connLimiter.take(conn.cid, now);
      this.userLimiter.take(conn.id, now);
    }
    // A change takes the next seq at once: queued sends are stored first, so seqs go out in order.
    if (
      frame.type === "edit" ||
      frame.type === "delete" ||
      frame.type === "react" ||
      frame.type === "topic"
    )
      this.commitSends();
    switch (frame.type) {
      case "send":
        return this.onSend(ws, conn, frame, now);
      case "edit":
        return this.apply(ws, conn, changes.edit(this.store, conn, frame, now));
      case "delete":
        return this.apply(ws, conn, changes.remove(this.store, conn, frame, now));
      case "react":
        return this.apply(ws, conn, changes.react(this.store, conn, frame, now));
      case "topic":
        return this.apply(ws, conn, changes.topic(this.store, conn, frame, now));
      case "typing":
        return this.onTyping(conn, now);
      case "status":
        return this.onStatus(ws, conn, frame, now);
      case "history": {
        const page = this.store.page(frame.before, frame.limit ?? LIMITS.historyPageDefault);
        return this.send(ws, { type: "history", id: frame.id, ...page });
      }
      case "search": {
        const limit = frame.limit ?? LIMITS.searchPageDefault;
        const page = this.store.searchMessages(frame.q, frame.before, limit);
        return this.send(ws, { type: "search", id: frame.id, ...page });
      }
      case "sync": {
        const room = this.store.info();
        if (room) this.welcome(ws, room, conn, frame.since);
        return;
      }
      case "ping":
        return this.send(ws, { type: "pong" });
      case "read": {
        // Read markers belong to the user's room list (room-list/store.ts), not to the room.
        const room = this.store.info();
        if (room) this.readMarkers.read(conn.id, room.id, frame.seq, this.store.lastSeq);
        return;
      }
    }
  }

  private onSend(ws: WebSocket, conn: Connection, frame: SendFrame, now: number) {
    const replyTo = frame.replyTo ?? null;
    // A deleted message is gone for replies too, as for edits and reactions.
    if (replyTo !== null && this.store.messageMeta(replyTo)?.deleted !== false) {
      return this.reject(
        ws,
        conn,
        "not_found",
        `No message ${replyTo} to reply to`,
        frame.clientId,
      );
    }
    // Stored by the next flush, with every send of the same tick in one commit (commitSends).
    // Its ack and broadcast keep their place among the frames gathered meanwhile.
    const ack = this.outbox.to(ws, null);
    const event = this.outbox.broadcast(null);
    this.pendingSends.push({ ws, conn, frame, replyTo, now, ack, event });
    this.flusher.kick(now);
  }

  /**
   * Sends everything gathered since the last flush: first the queued sends are stored, all in
   * one transaction (one commit for the tick instead of one per message), then acknowledged and
   * broadcast. The runtime holds those frames until the commit is durable, so write-before-ack
   * holds for every message of the batch.
   */
  private flush(lateMs: number) {
    this.blocks.time("flush", () => {
      const now = Date.now();
      // Until these writes are durable the runtime holds every frame sent after them, so the
      // next flush waits for them and gathers meanwhile (room/flusher.ts).
      if (this.commitSends()) this.flusher.after(this.ctx.storage.sync());
      this.outbox.flush();
      // The room's size is read once per flush, not per send.
      this.budget?.observe(lateMs, now, this.ctx.getWebSockets().length);
    });
  }

  /** Stores the queued sends; returns whether anything was written. */
  private commitSends(): boolean {
    // A socket the room closed since (kick, ban, sign-out) posts nothing: its queued sends are
    // dropped unanswered, as if they had arrived after the close.
    const sends = this.pendingSends.filter((s) => !closedByRoom(s.ws));
    this.pendingSends = [];
    if (sends.length === 0) return false;
    let stored: ReturnType<RoomStore["insertMessage"]>[];
    try {
      stored = this.ctx.storage.transactionSync(() =>
        sends.map((s) =>
          this.store.insertMessage({
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
      this.store.reloadCounters();
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
        s.conn.lastSeen = s.now;
        s.ws.serializeAttachment(s.conn);
        this.presence.changed();
      }
    });
    if (last) {
      this.lobby.changed(last);
      // Debounced chores: these write only when the job is not already pending.
      this.alarms.schedule("index", last + this.indexDelay);
      if (this.store.messageCount > this.settings.retentionMessages + pruneSlack(this.settings))
        this.alarms.schedule("prune", last);
    }
    return true;
  }

  /** Broadcasts a stored change, or answers why it was refused. */
  private apply(ws: WebSocket, conn: Connection, change: Change) {
    if (!change.ok) return this.reject(ws, conn, change.code, change.message);
    if (!change.event) return;
    this.broadcast(change.event);
    // What the directory shows: the message count and the topic.
    if (change.event.type === "delete" || change.event.type === "topic") this.lobby.changed();
  }

  /** Never stored; at most one relay per user per throttle window; never echoed to the typist. */
  private onTyping(conn: Connection, now: number) {
    if (!this.presence.typing(conn.id, now)) return;
    const own = new Set(this.ctx.getWebSockets(conn.id));
    this.broadcast({ type: "typing", userId: conn.id, name: conn.name }, (ws) => own.has(ws));
  }

  /** The client reports page visibility; the others hear about it when the user's status changes. */
  private onStatus(ws: WebSocket, conn: Connection, frame: StatusFrame, now: number) {
    const member = this.presence.setStatus(ws, conn, frame.status, now);
    if (member) this.broadcast({ type: "presence", op: "update", member });
  }

  // ── Leaving ────────────────────────────────────────────────────────────

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    this.blocks.time("close", () => this.onClose(ws, code, reason));
  }

  private onClose(ws: WebSocket, code: number, reason: string): void {
    // Complete the closing handshake; 1005/1006 are reserved and cannot be sent back.
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // already closed
    }
    this.left(ws, true);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    // A close event may still follow; it must not announce the leave again.
    this.left(ws);
  }

  /**
   * The sweep job: closes sockets with no sign of life since `cutoff`, and those whose session
   * expired by `now` (4401); returns how many.
   */
  sweepStale(cutoff: number, now = Date.now()): number {
    const stale = this.presence.stale(cutoff);
    for (const ws of closeSockets(stale, 1001, "No keep-alive")) this.left(ws);
    // A session that simply ran out ends its sockets too (within one sweep interval).
    const expired = this.ctx.getWebSockets().filter((ws) => {
      const exp = connectionOf(ws)?.exp;
      return exp !== undefined && exp <= now;
    });
    const ended = closeSockets(expired, CLOSE_SIGNED_OUT, "Session expired");
    for (const ws of ended) this.left(ws);
    if (this.presence.anyoneHere()) this.alarms.schedule("sweep", Date.now() + SWEEP_EVERY_MS);
    return stale.length + ended.length;
  }

  /** Forgets a connection; `final` is the runtime's close event (see RoomPresence.leave). */
  private left(ws: WebSocket, final = false) {
    const conn = connectionOf(ws);
    if (!conn) return;
    this.violations.forget(conn.cid);
    this.connLimiter.forget(conn.cid);
    const gone = this.presence.leave(ws, conn, final, Date.now());
    if (!gone) return;
    this.broadcast({ type: "presence", op: "leave", member: gone }, (o) => o === ws);
    this.readMarkers.forget(conn.id);
    this.lobby.changed();
  }

  // ── Sending ────────────────────────────────────────────────────────────

  /** Queues a frame for one socket; it goes out with the next flush (room/flusher.ts). */
  private send(ws: WebSocket, frame: ServerFrame) {
    this.outbox.to(ws, JSON.stringify(frame));
    this.flusher.kick();
  }

  private broadcast(frame: ServerFrame, skip?: (ws: WebSocket) => boolean) {
    this.outbox.broadcast(JSON.stringify(frame), skip ?? null);
    this.flusher.kick();
  }

  private batches(ws: WebSocket): boolean {
    let batch = this.batching.get(ws);
    if (batch === undefined) {
      batch = connectionOf(ws)?.batch === true;
      this.batching.set(ws, batch);
    }
    return batch;
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
    const abusive =
      retryAfter === undefined
        ? this.violations.record(conn.cid, now)
        : this.violations.limited(conn.cid, now, retryAfter);
    if (!abusive) return;
    this.flusher.now(); // the error frame goes out before the close
    closeSocket(ws, 1008, "Too many invalid or rate-limited frames");
    this.left(ws);
  }
}

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

/** Frames that spend the sender's rate budget: everything that writes, broadcasts or queries. */
function costsToken(frame: ClientFrame): boolean {
  return frame.type !== "ping" && frame.type !== "typing" && frame.type !== "read";
}

/** How far over the cap a room may go before a prune pass runs (so passes are not per message). */
function pruneSlack(settings: RoomSettings): number {
  return Math.max(1, Math.floor(settings.retentionMessages / 100));
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
