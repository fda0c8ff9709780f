import * as z from "zod/mini";
import { ErrorCode } from "./errors";
import { ClientId, Emoji, MessageText, SearchText, Seq, Topic } from "./fields";
import { LIMITS } from "./limits";
import { Member, Message, PresenceStatus, RoomInfo } from "./model";

const RequestId = z.optional(z.string().check(z.maxLength(64)));
const Limit = z.optional(z.int().check(z.minimum(1), z.maximum(LIMITS.historyPageMax)));

// ── client → server ─────────────────────────────────────────────────────────

export const SendFrame = z.object({
  type: z.literal("send"),
  clientId: ClientId,
  text: MessageText,
  replyTo: z.optional(z.nullable(Seq)),
});
export const EditFrame = z.object({ type: z.literal("edit"), seq: Seq, text: MessageText });
export const DeleteFrame = z.object({ type: z.literal("delete"), seq: Seq });
export const ReactFrame = z.object({ type: z.literal("react"), seq: Seq, emoji: Emoji });
export const TypingFrame = z.object({ type: z.literal("typing") });
export const StatusFrame = z.object({ type: z.literal("status"), status: PresenceStatus });
export const HistoryRequestFrame = z.object({
  type: z.literal("history"),
  id: RequestId,
  before: Seq,
  limit: Limit,
});
export const SyncFrame = z.object({ type: z.literal("sync"), since: Seq });
export const SearchRequestFrame = z.object({
  type: z.literal("search"),
  id: RequestId,
  q: SearchText,
  before: z.optional(Seq),
  limit: Limit,
});
export const TopicFrame = z.object({ type: z.literal("topic"), topic: Topic });
export const ReadFrame = z.object({ type: z.literal("read"), seq: Seq });
/**
 * Keep-alive. Sent as exactly PING_FRAME it is answered by the runtime without waking the room;
 * any other spelling still gets a pong, from the room.
 */
export const PingFrame = z.object({ type: z.literal("ping") });

export const ClientFrame = z.discriminatedUnion("type", [
  SendFrame,
  EditFrame,
  DeleteFrame,
  ReactFrame,
  TypingFrame,
  StatusFrame,
  HistoryRequestFrame,
  SyncFrame,
  SearchRequestFrame,
  TopicFrame,
  ReadFrame,
  PingFrame,
]);
export type ClientFrame = z.infer<typeof ClientFrame>;
export type SendFrame = z.infer<typeof SendFrame>;
export type EditFrame = z.infer<typeof EditFrame>;
export type DeleteFrame = z.infer<typeof DeleteFrame>;
export type ReactFrame = z.infer<typeof ReactFrame>;
export type StatusFrame = z.infer<typeof StatusFrame>;
export type SearchRequestFrame = z.infer<typeof SearchRequestFrame>;
export type TopicFrame = z.infer<typeof TopicFrame>;
export const CLIENT_FRAME_TYPES = ClientFrame.def.options.map(
  (o) => o.shape.type.def.values[0] as ClientFrame["type"],
);
/** The type of a client frame, as `welcome.features` lists them. */
export const ClientFrameType = z.enum(
  CLIENT_FRAME_TYPES as [ClientFrame["type"], ...ClientFrame["type"][]],
);

// ── server → client: room events (each carries the room's next seq) ─────────

export const MessageEvent = z.object({ type: z.literal("message"), seq: Seq, message: Message });
export const EditEvent = z.object({
  type: z.literal("edit"),
  seq: Seq,
  target: Seq,
  text: z.string(),
  editedAt: z.number(),
});
export const DeleteEvent = z.object({
  type: z.literal("delete"),
  seq: Seq,
  target: Seq,
  by: z.string(),
});
export const ReactionEvent = z.object({
  type: z.literal("reaction"),
  seq: Seq,
  target: Seq,
  emoji: Emoji,
  userId: z.string(),
  on: z.boolean(),
});
export const TopicEvent = z.object({
  type: z.literal("topic"),
  seq: Seq,
  topic: z.string(),
  by: z.string(),
});
export const RenameEvent = z.object({
  type: z.literal("rename"),
  seq: Seq,
  name: z.string(),
  by: z.string(),
});

export const RoomEvent = z.discriminatedUnion("type", [
  MessageEvent,
  EditEvent,
  DeleteEvent,
  ReactionEvent,
  TopicEvent,
  RenameEvent,
]);
export type RoomEvent = z.infer<typeof RoomEvent>;
export type EditEvent = z.infer<typeof EditEvent>;
export type DeleteEvent = z.infer<typeof DeleteEvent>;
export type ReactionEvent = z.infer<typeof ReactionEvent>;
export type TopicEvent = z.infer<typeof TopicEvent>;
export type RenameEvent = z.infer<typeof RenameEvent>;

// ── server → client: replies and ephemeral frames ───────────────────────────

/**
 * First frame on every connection. With `mode: "snapshot"` the client replaces what it has with
 * `messages` (the latest page); with `mode: "catchup"` the events after the client's `since`
 * follow as ordinary event frames, ending at `lastSeq`.
 */
export const WelcomeFrame = z.object({
  type: z.literal("welcome"),
  protocol: z.number(),
  room: RoomInfo,
  me: z.object({ id: z.string(), name: z.string(), connectionId: z.string() }),
  lastSeq: Seq,
  mode: z.enum(["snapshot", "catchup"]),
  messages: z.array(Message),
  hasMore: z.boolean(),
  members: z.array(Member),
  /**
   * The client frame types this server understands. A client hides what needs a type that is
   * missing here, rather than sending it and getting `unknown_type`.
   */
  features: z.array(ClientFrameType),
});
export const AckFrame = z.object({
  type: z.literal("ack"),
  clientId: ClientId,
  seq: Seq,
  createdAt: z.number(),
});
export const HistoryFrame = z.object({
  type: z.literal("history"),
  id: RequestId,
  messages: z.array(Message),
  hasMore: z.boolean(),
});
export const SearchResultsFrame = z.object({
  type: z.literal("search"),
  id: RequestId,
  messages: z.array(Message),
  hasMore: z.boolean(),
});
export const PresenceFrame = z.object({
  type: z.literal("presence"),
  op: z.enum(["join", "leave", "update"]),
  member: Member,
});
export const TypingBroadcastFrame = z.object({
  type: z.literal("typing"),
  userId: z.string(),
  name: z.string(),
});
export const ErrorFrame = z.object({
  type: z.literal("error"),
  code: ErrorCode,
  message: z.string(),
  /** The clientId or request id the error answers, when there is one. */
  ref: z.optional(z.string()),
  /** For rate_limited: milliseconds to wait. */
  retryAfter: z.optional(z.number()),
});
export type ErrorFrame = z.infer<typeof ErrorFrame>;
export const PongFrame = z.object({ type: z.literal("pong") });

/** Every frame the server sends on its own (all but `batch`, which only carries these). */
export const SingleServerFrame = z.discriminatedUnion("type", [
  WelcomeFrame,
  AckFrame,
  HistoryFrame,
  SearchResultsFrame,
  PresenceFrame,
  TypingBroadcastFrame,
  ErrorFrame,
  PongFrame,
  ...RoomEvent.def.options,
]);
export type SingleServerFrame = z.infer<typeof SingleServerFrame>;

/**
 * Several frames in one socket message, in the order they would have been sent one by one. Only
 * for clients that asked for batches when they connected (`?batch=1`, BATCH_PARAM); a frame is
 * never batched with more than the server's frame cap (LIMITS.maxServerFrameBytes) allows.
 */
export const BatchFrame = z.object({
  type: z.literal("batch"),
  frames: z.array(SingleServerFrame).check(z.minLength(1)),
});
export type BatchFrame = z.infer<typeof BatchFrame>;

export const ServerFrame = z.discriminatedUnion("type", [
  ...SingleServerFrame.def.options,
  BatchFrame,
]);
export type ServerFrame = z.infer<typeof ServerFrame>;
export type WelcomeFrame = z.infer<typeof WelcomeFrame>;
export const SERVER_FRAME_TYPES = ServerFrame.def.options.map((o) => o.shape.type.def.values[0]);
