import { useState } from "react";
import { Link } from "react-router";
import type { Member } from "../../../protocol";
import { lastSeenLabel } from "../lib/time";
import { Avatar } from "./Avatar";
import { Icon } from "./Icon";

type Props = {
  members: Member[];
  myId: string | undefined;
  ownerId: string | null | undefined;
  open: boolean;
  onClose: () => void;
  now: number;
  /** Present for the owner when the server supports moderation. */
  onModerate?: (member: Member, action: "kick" | "ban") => void;
};

/** Who is here: online first, then idle; a drawer on phones. */
export function MembersPanel({ members, myId, ownerId, open, onClose, now, onModerate }: Props) {
  const [confirm, setConfirm] = useState<{ id: string; action: "kick" | "ban" } | null>(null);
  const sorted = [...members].sort(
    (a, b) =>
      (a.status === b.status ? 0 : a.status === "online" ? -1 : 1) || a.name.localeCompare(b.name),
  );
  const online = members.filter((m) => m.status === "online").length;
  return (
    <aside className={open ? "members open" : "members"} aria-labelledby="members-title">
      <div className="members-head">
        <h2 id="members-title">
          Here now <span className="muted">{members.length}</span>
        </h2>
        <button
          type="button"
          className="icon drawer-close"
          onClick={onClose}
          aria-label="Close members"
        >
          <Icon name="x" size={16} />
        </button>
      </div>
      <p className="muted small">
        {online} online{members.length > online ? `, ${members.length - online} idle` : ""}
      </p>
      <ul>
        {sorted.map((m) => (
          <li key={m.id} className={`member ${m.status}`}>
            <span className="avatar-wrap">
              <Avatar name={m.name} color={m.color} size={30} />
              <span className={`presence-dot ${m.status}`} aria-hidden="true" />
            </span>
            <span className="member-name">
              <span>
                <Link to={`/u/${m.id}`} state={{ name: m.name, color: m.color }}>
                  {m.name}
                </Link>
                {m.id === myId && <span className="badge">you</span>}
              </span>
              <span className="muted small">
                {m.id === ownerId ? "Owner · " : ""}
                {m.status === "idle" ? `Idle · ${lastSeenLabel(m.lastSeen, now)}` : "Online"}
              </span>
              {onModerate && m.id !== myId && (
                <span className="mod-tools">
                  {confirm?.id === m.id ? (
                    <>
                      <button
                        type="button"
                        className="link danger small"
                        onClick={() => {
                          onModerate(m, confirm.action);
                          setConfirm(null);
                        }}
                      >
                        {confirm.action === "kick" ? `Yes, remove ${m.name}` : `Yes, ban ${m.name}`}
                      </button>
                      <button type="button" className="link small" onClick={() => setConfirm(null)}>
                        Cancel
                      </button>
                    </>
                  ) : (
                    <>
                      <button
                        type="button"
                        className="link small"
                        onClick={() => setConfirm({ id: m.id, action: "kick" })}
                        aria-label={`Remove ${m.name}`}
                      >
                        Remove
                      </button>
                      <button
                        type="button"
                        className="link small"
                        onClick={() => setConfirm({ id: m.id, action: "ban" })}
                        aria-label={`Ban ${m.name}`}
                      >
                        Ban
                      </button>
                    </>
                  )}
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
