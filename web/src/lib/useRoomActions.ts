import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router";
import type { Member, RoomVisibility } from "../../../protocol";
import { ApiError, api } from "./api";
import { useConfirm } from "./confirm";
import type { RoomClient } from "./realtime/client";

/** The owner's share link when the server offers owner tools to this user; null if not (yet). */
export function useOwnerLink(roomId: string, isOwner: boolean) {
  const [ownerLink, setOwnerLink] = useState<string | null>(null);
  useEffect(() => {
    if (!isOwner) return;
    let live = true;
    api.invite(roomId).then(
      (b) => live && setOwnerLink(b.link),
      () => live && setOwnerLink(null),
    );
    return () => {
      live = false;
    };
  }, [isOwner, roomId]);
  return [ownerLink, setOwnerLink] as const;
}

/** Room actions that go over HTTP after a confirmation: remove or ban a member, leave. */
export function useRoomActions(
  client: RoomClient,
  roomId: string,
  visibility: RoomVisibility | undefined,
  onBanned: () => void,
) {
  const confirm = useConfirm();
  const navigate = useNavigate();
  const moderate = useCallback(
    async (member: Member, action: "kick" | "ban") => {
      const agreed = await confirm(
        action === "kick"
          ? {
              title: `Remove ${member.name} from the room?`,
              body: "They are disconnected now. They can come back through the room's link.",
              confirm: "Remove",
              danger: true,
            }
          : {
              title: `Ban ${member.name}?`,
              body: "They are disconnected and can't come back until you lift the ban in the room's settings.",
              confirm: "Ban",
              danger: true,
            },
      );
      if (!agreed) return;
      try {
        await (action === "kick" ? api.kick(roomId, member.id) : api.ban(roomId, member.id));
        if (action === "ban") onBanned();
      } catch (err) {
        client.showError(err instanceof ApiError ? err.message : "That didn't work. Try again.");
      }
    },
    [client, confirm, roomId, onBanned],
  );

  const leave = useCallback(async () => {
    const privateRoom = visibility === "private";
    const agreed = await confirm({
      title: "Leave this room?",
      body: privateRoom
        ? "It drops off your rooms, and you will need an invite link to come back."
        : "It drops off your rooms. You can come back through its link or the directory.",
      confirm: "Leave",
      danger: true,
    });
    if (!agreed) return;
    try {
      await api.leave(roomId);
      navigate("/");
    } catch (err) {
      client.showError(err instanceof ApiError ? err.message : "Couldn't leave. Try again.");
    }
  }, [client, confirm, navigate, roomId, visibility]);
  return { moderate, leave };
}
