import { type FormEvent, useState } from "react";
import type { RoomInfo } from "../../../protocol";
import { LIMITS } from "../../../protocol/limits";
import { ApiError, api } from "../lib/api";
import { BanList } from "./BanList";
import { Icon } from "./Icon";

/**
 * The owner's panel: rename, topic, (private rooms) the invite link with rotation, and the
 * room's bans.
 */
export function RoomSettings({
  room,
  link,
  onLink,
  bansVersion,
  onClose,
}: {
  room: RoomInfo;
  link: string | null;
  onLink: (link: string) => void;
  /** Changes when a ban is made elsewhere (the members list), to refresh the list. */
  bansVersion: number;
  onClose: () => void;
}) {
  const [name, setName] = useState(room.name);
  const [topic, setTopic] = useState(room.topic);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const shareUrl = link ? new URL(link, location.origin).href : null;

  async function run(patch: { name?: string; topic?: string; rotateInvite?: true }, done: string) {
    setBusy(true);
    setStatus(null);
    try {
      const body = await api.updateRoom(room.id, patch);
      onLink(body.link);
      setStatus({ ok: true, text: done });
    } catch (err) {
      setStatus({ ok: false, text: err instanceof ApiError ? err.message : "Could not save." });
    } finally {
      setBusy(false);
    }
  }

  function save(e: FormEvent) {
    e.preventDefault();
    const patch: { name?: string; topic?: string } = {};
    if (name.trim() !== room.name) patch.name = name.trim();
    if (topic.trim() !== room.topic) patch.topic = topic.trim();
    if (Object.keys(patch).length) void run(patch, "Saved.");
  }

  return (
    <section className="settings-panel" aria-labelledby="room-settings-title">
      <div className="panel-head">
        <h2 id="room-settings-title">Room settings</h2>
        <button type="button" className="icon" onClick={onClose} aria-label="Close room settings">
          <Icon name="x" size={16} />
        </button>
      </div>
      <form className="settings-grid" onSubmit={save}>
        <label className="field">
          <span>Room name</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={LIMITS.roomNameMax}
            required
          />
        </label>
        <label className="field">
          <span>Topic</span>
          <input
            value={topic}
            onChange={(e) => setTopic(e.target.value)}
            maxLength={LIMITS.topicMax}
          />
        </label>
        <button
          type="submit"
          className="primary"
          disabled={
            busy || !name.trim() || (name.trim() === room.name && topic.trim() === room.topic)
          }
        >
          Save
        </button>
      </form>
      {room.visibility === "private" && shareUrl && (
        <div className="invite">
          <span className="small muted">Invite link: anyone with it can join</span>
          <code className="invite-link">{shareUrl}</code>
          <div className="row">
            <button
              type="button"
              className="small"
              onClick={() => void navigator.clipboard?.writeText(shareUrl)}
            >
              Copy invite link
            </button>
            <button
              type="button"
              className="small danger"
              disabled={busy}
              onClick={() =>
                void run(
                  { rotateInvite: true },
                  "New invite link made; the old one no longer works.",
                )
              }
            >
              Make a new link
            </button>
          </div>
        </div>
      )}
      {status && (
        <p className={status.ok ? "ok small" : "error small"} role="status">
          {status.text}
        </p>
      )}
      <BanList roomId={room.id} version={bansVersion} />
    </section>
  );
}
