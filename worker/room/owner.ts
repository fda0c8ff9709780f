import type { CreateRoomRequest, RoomInfo, RoomPatch } from "../../protocol/index";
import type { RoomAccess } from "./access";
import type { LobbyReporter } from "./lobby-report";
import type { PendingSends } from "./pending-sends";
import { canChangeRoom } from "./permissions";
import type { RoomSender } from "./sender";
import type { Timeline } from "./timeline";

/** A room and its share link (private rooms: with the invite token), as its owner sees it. */
export type OwnerView = { room: RoomInfo; link: string };

/**
 * Creating a room, and its owner's controls from the HTTP API: name, topic, the invite link.
 * Each change is stored as an event and broadcast to the room.
 */
export class OwnerControls {
  constructor(
    private readonly p: {
      timeline: Timeline;
      access: RoomAccess;
      pending: PendingSends;
      sender: RoomSender;
      lobby: LobbyReporter;
    },
  ) {}

  /** Creates the room owned by `ownerId` and answers its owner's view (idempotent). */
  create(id: string, input: CreateRoomRequest, ownerId: string): OwnerView {
    const { timeline, access } = this.p;
    let room = timeline.record.info();
    if (!room) {
      room = {
        id,
        name: input.name,
        topic: input.topic ?? "",
        visibility: input.visibility ?? "public",
        ownerId,
        createdAt: Date.now(),
      };
      timeline.record.create(room);
      access.addMember(ownerId);
      if (room.visibility === "private") access.rotateInvite();
    }
    // Only the owner sees the invite: an id already taken by another's room shows no token.
    return { room, link: canChangeRoom(ownerId, room) ? access.link(room) : `/r/${room.id}` };
  }

  /** The owner's view; "forbidden" for anyone else, null without a room. */
  view(byUserId: string): OwnerView | "forbidden" | null {
    return this.change(byUserId, {});
  }

  /**
   * Issues a new invite if asked, renames the room and sets its topic (each an event broadcast
   * to the room), and answers the owner's view; "forbidden" for anyone else, null without a room.
   */
  change(byUserId: string, patch: RoomPatch): OwnerView | "forbidden" | null {
    const { timeline, access, pending, sender } = this.p;
    const room = timeline.record.info();
    if (!room) return null;
    if (!canChangeRoom(byUserId, room)) return "forbidden";
    if (patch.rotateInvite) access.rotateInvite();
    const { name, topic } = patch;
    if (name === undefined && topic === undefined) return { room, link: access.link(room) };
    pending.commit(); // queued sends take their seqs before the rename and topic events
    const now = Date.now();
    if (name !== undefined && name !== room.name)
      sender.broadcast(timeline.rename(name, byUserId, now));
    if (topic !== undefined && topic !== room.topic)
      sender.broadcast(timeline.setTopic(topic, byUserId, now));
    this.p.lobby.changed(now);
    const changed = timeline.record.info() ?? room;
    return { room: changed, link: access.link(changed) };
  }
}
