import { type FormEvent, type ReactNode, useState } from "react";
import type { RoomInfo } from "../../../protocol";
import { LIMITS } from "../../../protocol/limits";
import { Icon } from "./Icon";

type Props = {
  room: RoomInfo | null;
  roomId: string;
  online: number;
  /** False while disconnected: the member count is the last known one. */
  presenceKnown: boolean;
  isOwner: boolean;
  canSetTopic: boolean;
  onSetTopic: (topic: string) => void;
  onToggleSearch: () => void;
  searchOpen: boolean;
  onToggleMembers: () => void;
  membersOpen: boolean;
  /** Present when the owner's settings are available. */
  onToggleSettings?: () => void;
  settingsOpen: boolean;
  /** The owner's current share link (it follows invite rotation); else the page's address. */
  shareLink: string | null;
  status: ReactNode;
  onLeave: () => void;
};

export function RoomHeader(p: Props) {
  const [copied, setCopied] = useState(false);
  const [editingTopic, setEditingTopic] = useState(false);
  const [topic, setTopic] = useState("");

  async function copyLink() {
    // The page's own address carries a private room's invite token; the owner's link is fresher.
    const url = p.shareLink ? new URL(p.shareLink, location.origin).href : location.href;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      window.prompt("Copy this link", url);
    }
  }

  function saveTopic(e: FormEvent) {
    e.preventDefault();
    p.onSetTopic(topic.trim());
    setEditingTopic(false);
  }

  return (
    <header className="room-header">
      <div className="room-title">
        <h1 id="room-title">
          {p.room?.visibility === "private" && (
            <span className="lock" title="Private room">
              <Icon name="lock" size={16} />
              <span className="sr-only">Private: </span>
            </span>
          )}
          {p.room?.name ?? "Loading…"}
        </h1>
        {editingTopic ? (
          <form className="topic-form" onSubmit={saveTopic}>
            <input
              aria-label="Topic"
              value={topic}
              maxLength={LIMITS.topicMax}
              onChange={(e) => setTopic(e.target.value)}
              onKeyDown={(e) => e.key === "Escape" && setEditingTopic(false)}
              // biome-ignore lint/a11y/noAutofocus: the user just asked to edit the topic
              autoFocus
            />
            <button type="submit" className="small">
              Save
            </button>
          </form>
        ) : (
          <p className="topic muted">
            {p.room?.topic || (p.isOwner ? "No topic yet." : "")}
            {p.isOwner && p.canSetTopic && p.room && (
              <button
                type="button"
                className="link small"
                onClick={() => {
                  setTopic(p.room?.topic ?? "");
                  setEditingTopic(true);
                }}
              >
                {p.room.topic ? "Change topic" : "Set a topic"}
              </button>
            )}
          </p>
        )}
      </div>
      <div className="room-tools">
        {p.status}
        <button type="button" className="icon-text" onClick={copyLink}>
          <Icon name="link" size={16} />
          <span className="label">{copied ? "Copied!" : "Copy link"}</span>
        </button>
        <button
          type="button"
          className="icon-text"
          onClick={p.onToggleSearch}
          aria-pressed={p.searchOpen}
        >
          <Icon name="search" size={16} />
          <span className="label">Search</span>
        </button>
        {p.onToggleSettings && (
          <button
            type="button"
            className="icon-text"
            onClick={p.onToggleSettings}
            aria-pressed={p.settingsOpen}
          >
            <Icon name="settings" size={16} />
            <span className="label">Settings</span>
          </button>
        )}
        <button type="button" className="icon-text" onClick={p.onLeave}>
          <Icon name="leave" size={16} />
          <span className="label">Leave</span>
        </button>
        <button
          type="button"
          className="icon-text members-toggle"
          onClick={p.onToggleMembers}
          aria-expanded={p.membersOpen}
        >
          <Icon name="users" size={16} />
          <span className="label">Members</span>{" "}
          <span
            className={p.presenceKnown ? "count" : "count stale"}
            title={p.presenceKnown ? undefined : "Last known"}
          >
            {p.online}
          </span>
        </button>
      </div>
    </header>
  );
}
