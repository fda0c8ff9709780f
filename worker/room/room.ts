import { DurableObject } from "cloudflare:workers";
import {
  CLOSE_LEFT,
  CLOSE_SIGNED_OUT,
  type CreateRoomRequest,
  LIMITS,
  PING_FRAME,
  PONG_FRAME,
  type RoomInfo,
  type RoomPatch,
} from "../../protocol/index";
import { RoomAccess } from "./access";
import { RoomAlarms } from "./alarms";
import { type BlockStat, BlockTimer } from "./blocks";
import type { ProfileChange } from "./connection";
import { Departures, SWEEP_EVERY_MS } from "./departures";
import { dmPair, newDm, renameForPeer } from "./dm";
import { Inbox } from "./inbox";
import { Joins } from "./join";
import { LOBBY_REPORT_TASK, LobbyReporter, roomSnapshot } from "./lobby-report";
import { Moderation, type ModerationAction } from "./moderation";
import { OwnerControls, type OwnerView } from "./owner";
import { PendingSends } from "./pending-sends";
import { RoomPresence } from "./presence";
import { ReadMarkers } from "./read-markers";
import { type Reader, RoomReads } from "./reads";
import { RoomLog } from "./room-log";
import { SendLimits } from "./send-limits";
import { RoomSender } from "./sender";
import { type RoomSettingsEnv, roomSettings } from "./settings";
import { applyProfile, SIGNED_OUT_REASON, signedOut } from "./sign-out";
import { Timeline } from "./timeline";
import type { UnreadQuery } from "./unread";

/** Between two slices of a long chore, sockets get at least this long. */
const CHORE_GAP_MS = 20;
/** Messages removed per retention slice; a slice that leaves more schedules the next one. */
const PRUNE_BATCH = 200;

/**
 * One chat room: its sockets (Hibernation API), presence and history (SQLite). Every change is
 * written to storage before it is acknowledged or broadcast. This class wires the room's parts
 * together and answers the Worker's calls; joining is room/join.ts, frames room/inbox.ts, group
 * commit room/pending-sends.ts, leaving room/departures.ts, sending room/sender.ts.
 */
export class Room extends DurableObject<Env> {
  private readonly timeline: Timeline;
  private readonly access: RoomAccess;
  private readonly alarms: RoomAlarms;
  /** Debounced reports to the public directory (room/lobby-report.ts). */
  private readonly lobby: LobbyReporter;
  private readonly presence: RoomPresence;
  private readonly limits: SendLimits;
  private readonly sender: RoomSender;
  private readonly pending: PendingSends;
  private readonly departures: Departures;
  private readonly joins: Joins;
  private readonly inbox: Inbox;
  private readonly moderation: Moderation;
  private readonly reads: RoomReads;
  private readonly owner: OwnerControls;
  private readonly readMarkers: ReadMarkers;
  /** How long each piece of work took; read by the benchmark (room/blocks.ts). */
  private readonly blocks: BlockTimer;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const settings = roomSettings(env as Env & RoomSettingsEnv);
    this.blocks = new BlockTimer(settings.debugStats);
    this.limits = new SendLimits(settings);
    this.sender = new RoomSender(
      ctx,
      (lateMs) => this.flush(lateMs),
      (commitMs) => this.limits.observe(commitMs, Date.now()),
    );
    const timeline = new Timeline(ctx.storage);
    this.timeline = timeline;
    this.access = new RoomAccess(ctx.storage);
    const presence = new RoomPresence(ctx);
    this.presence = presence;
    this.lobby = new LobbyReporter(ctx.storage, env, (at) =>
      this.alarms.schedule(LOBBY_REPORT_TASK, at),
    );
    this.alarms = new RoomAlarms(
      ctx.storage,
      {
        [LOBBY_REPORT_TASK]: (now) => this.lobby.send(this.lobbySnapshot(), now),
        sweep: (now) => {
          this.sweepStale(now - LIMITS.staleSocketMs, now);
        },
        index: (now) => {
          if (timeline.search.indexPending()) this.alarms.schedule("index", now + CHORE_GAP_MS);
        },
        prune: (now) => {
          if (timeline.prune(settings.retentionMessages, PRUNE_BATCH))
            this.alarms.schedule("prune", now + CHORE_GAP_MS);
        },
      },
      this.blocks,
    );
    this.readMarkers = new ReadMarkers(ctx, env);
    const parts = {
      ctx,
      storage: ctx.storage,
      settings,
      timeline,
      access: this.access,
      presence,
      sender: this.sender,
      lobby: this.lobby,
      alarms: this.alarms,
      readMarkers: this.readMarkers,
      limits: this.limits,
      log: new RoomLog(ctx.id.name ?? null),
    };
    this.pending = new PendingSends(parts);
    this.departures = new Departures({ ...parts, forget: (cid) => this.inbox.forget(cid) });
    this.joins = new Joins(parts);
    this.inbox = new Inbox({
      ...parts,
      pending: this.pending,
      departures: this.departures,
      joins: this.joins,
    });
    this.moderation = new Moderation({ ...parts, departures: this.departures });
    this.reads = new RoomReads(parts);
    this.owner = new OwnerControls({ ...parts, pending: this.pending });
    ctx.blockConcurrencyWhile(async () => {
      timeline.migrate();
      await this.alarms.load();
    });
    // Keep-alives are answered by the runtime without waking the room.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING_FRAME, PONG_FRAME));
  }

  override async alarm(): Promise<void> {
    await this.alarms.run();
  }

  // ── Sockets ────────────────────────────────────────────────────────────

  /** The WebSocket upgrade, forwarded by the Worker after it checked the session. */
  override async fetch(request: Request): Promise<Response> {
    return this.blocks.time("join", () => this.joins.accept(request));
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    this.blocks.time("frame", () => this.inbox.receive(ws, data));
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    this.blocks.time("close", () => this.departures.closed(ws, code, reason));
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.departures.failed(ws);
  }

  /**
   * The sweep job: closes sockets with no sign of life since `cutoff`, and those whose session
   * expired by `now`; returns how many.
   */
  sweepStale(cutoff: number, now = Date.now()): number {
    const closed = this.departures.sweep(cutoff, now);
    if (this.presence.anyoneHere()) this.alarms.schedule("sweep", Date.now() + SWEEP_EVERY_MS);
    return closed;
  }

  /**
   * Sends everything gathered since the last flush: first the queued sends are stored, all in
   * one transaction (room/pending-sends.ts), then the outbox goes out; the next flush waits for
   * this one's commit (room/sender.ts).
   */
  private flush(lateMs: number) {
    this.blocks.time("flush", () => {
      const now = Date.now();
      if (this.pending.commit()) this.sender.afterCommit(this.ctx.storage.sync());
      this.sender.outbox.flush();
      // The room's size is read once per flush, not per send.
      this.limits.observe(lateMs, now, this.ctx.getWebSockets().length);
    });
  }

  // ── RPC from the Worker ────────────────────────────────────────────────

  /** The longest and total time of each kind of work since the object started (debug route). */
  async blockStats(): Promise<Record<string, BlockStat>> {
    return this.blocks.snapshot();
  }

  /** Creates the room (idempotent) and answers its owner's view, with the share link. */
  async create(id: string, input: CreateRoomRequest, ownerId: string): Promise<OwnerView> {
    return this.owner.create(id, input, ownerId);
  }

  /** For the owner: the room and its share link (GET /api/rooms/:roomId/invite). */
  async ownerView(byUserId: string) {
    return this.owner.view(byUserId);
  }

  /** For the owner: a new invite, name or topic (PATCH /api/rooms/:roomId), in one call. */
  async change(byUserId: string, patch: RoomPatch) {
    return this.owner.change(byUserId, patch);
  }

  /** Kick, ban or unban; a removed user's sockets here are closed before this returns. */
  async moderate(byUserId: string, action: ModerationAction, userId: string) {
    return this.moderation.moderate(byUserId, action, userId);
  }

  /** For the owner: the room's bans, newest first; null without a room. */
  async bans(byUserId: string) {
    return this.moderation.bans(byUserId);
  }

  /** A session of `userId` ended (null: all of them): close its sockets here (room/sign-out.ts). */
  async signOut(userId: string, sid: string | null): Promise<number> {
    const sockets = signedOut(this.ctx.getWebSockets(userId), sid);
    return this.departures.close(sockets, CLOSE_SIGNED_OUT, SIGNED_OUT_REASON);
  }

  /**
   * The user left: no longer a member (a private room needs the invite again), and their sockets
   * here close. The owner stays the owner.
   */
  async leave(userId: string): Promise<void> {
    this.access.removeMember(userId);
    this.departures.close(this.ctx.getWebSockets(userId), CLOSE_LEFT, "Left the room");
  }

  /**
   * The user changed name or colour (or became an account): update their open sockets here, and
   * in a DM, the other person's room list, which shows the conversation under this name.
   */
  async applyProfile(userId: string, profile: ProfileChange): Promise<boolean> {
    const member = applyProfile(this.ctx.getWebSockets(userId), profile);
    this.presence.changed();
    if (member) this.sender.broadcast({ type: "presence", op: "update", member });
    const room = this.timeline.record.info();
    if (room) await renameForPeer(this.env, this.ctx.storage, room.id, userId, profile.name);
    return member !== null;
  }

  // HTTP reads: each checks the reader's access in the same call (room/reads.ts).

  async describe(who: Reader) {
    return this.reads.describe(who);
  }

  async history(who: Reader, before: number | undefined, limit: number) {
    return this.reads.history(who, before, limit);
  }

  async search(who: Reader, q: string, before: number | undefined, limit: number) {
    return this.reads.search(who, q, before, limit);
  }

  /** A user's unread state here, for GET /api/me/rooms; null: not for them. */
  async unread(q: UnreadQuery) {
    return this.reads.unread(q);
  }

  /**
   * POST /api/me/rooms/:roomId/read: clamps the marker to this room's last seq and records it
   * in the user's room list. Null when the room does not admit the user; `readSeq` null when
   * the room is not on their list.
   */
  async markRead(userId: string, seq: number): Promise<{ readSeq: number | null } | null> {
    const room = this.reads.admitted(userId);
    if (!room) return null;
    return { readSeq: await this.readMarkers.mark(userId, room.id, seq, this.timeline.lastSeq) };
  }

  /**
   * Opens the direct conversation of `a` and `b` in this room (room/dm.ts); idempotent. Null when
   * the id is taken by something else, which a derived id makes practically impossible.
   */
  async openDm(id: string, a: string, b: string): Promise<RoomInfo | null> {
    const existing = this.timeline.record.info();
    if (existing) {
      const pair = dmPair(this.ctx.storage);
      return pair?.includes(a) && pair.includes(b) ? existing : null;
    }
    const info = newDm(this.ctx.storage, id, a, b, Date.now());
    this.timeline.record.create(info);
    // Members enter a private room without an invite; a DM never gets an invite token.
    this.access.addMember(a);
    this.access.addMember(b);
    return info;
  }

  /** What the public directory shows of this room right now; null before it exists. */
  private lobbySnapshot() {
    const room = this.timeline.record.info();
    if (!room) return null;
    const { messages, messageCount } = this.timeline;
    return roomSnapshot(
      room,
      this.presence.members().length,
      messageCount,
      messages.lastActivity(),
    );
  }
}
