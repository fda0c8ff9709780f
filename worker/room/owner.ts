import type { CreateRoomRequest, RoomInfo } from "../../protocol/index";
import type { RoomAccess } from "./access";
import type { LobbyReporter } from "./lobby-report";
import type { PendingSends } from "./pending-sends";
import { canChangeRoom } from "./permissions";
import type { RoomSender } from "./sender";
import type { Timeline } from "./timeline";

/** A room and its share link, as its owner sees it. */
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

  /** Creates the room owned by `ownerId`; the room as it is when it already exists. */
  create(id: string, input: CreateRoomRequest, ownerId: string): RoomInfo {
    const { timeline, access } = this.p;
    const existing = timeline.record.info();
    if (existing) return existing;
    const info: RoomInfo = {
      id,
      name: input.name,
      topic: input.topic ?? "",
      visibility: input.visibility ?? "public",
      ownerId,
      createdAt: Date.now(),
    };
    timeline.record.create(info);
    access.addMember(ownerId);
    if (info.visibility === "private") access.rotateInvite();
    return info;
  }

  /** The room and its share link, after issuing a new invite if asked; null without a room. */
  view(byUserId: string, rotateInvite: boolean): OwnerView | "forbidden" | null {
    const { timeline, access } = this.p;
    const room = timeline.record.info();
    if (!room) return null;
    if (!canChangeRoom(byUserId, room)) return "forbidden";
    if (rotateInvite) access.rotateInvite();
    return { room, link: access.link(room) };
  }

  /** Renames the room or sets its topic; the updated room, "forbidden", or null without one. */
  update(
    byUserId: string,
    change: { name?: string; topic?: string },
  ): RoomInfo | "forbidden" | null {
    const { timeline, pending, sender } = this.p;
    const room = timeline.record.info();
    if (!room) return null;
    if (!canChangeRoom(byUserId, room)) return "forbidden";
    pending.commit(); // queued sends take their seqs before the rename and topic events
    const now = Date.now();
    if (change.name !== undefined && change.name !== room.name)
      sender.broadcast(timeline.rename(change.name, byUserId, now));
    if (change.topic !== undefined && change.topic !== room.topic)
      sender.broadcast(timeline.setTopic(change.topic, byUserId, now));
    this.p.lobby.changed(now);
    return timeline.record.info();
  }
}
