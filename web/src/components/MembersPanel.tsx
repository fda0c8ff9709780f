import { Link } from "react-router";
import type { Member } from "../../../protocol";
import { profileLink } from "../lib/profile-link";
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
  /**
   * The connection is down: the list is the last one the room sent, shown dimmed as "last known"
   * until the room answers again.
   */
  stale: boolean;
  /** Present for the owner when the server supports moderation. */
  onModerate?: (member: Member, action: "kick" | "ban") => void;
};

/** Who is here: online first, then idle; a drawer on phones. */
export function MembersPanel(p: Props) {
  const { members, myId, ownerId, open, onClose, now, stale, onModerate } = p;
  const sorted = [...members].sort(
    (a, b) =>
      (a.status === b.status ? 0 : a.status === "online" ? -1 : 1) || a.name.localeCompare(b.name),
  );
  const online = members.filter((m) => m.status === "online").length;
  return (
    <aside
      className={`members${open ? " open" : ""}${stale ? " stale" : ""}`}
      aria-labelledby="members-title"
    >
      <div className="members-head">
        <h2 id="members-title">
          {stale ? "Last known" : "Here now"} <span className="muted">{members.length}</span>
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
      {stale ? (
        <p className="muted small presence-unknown">
          Offline: who is here is unknown until the room answers again.
        </p>
      ) : (
        <p className="muted small">
          {online} online{members.length > online ? `, ${members.length - online} idle` : ""}
        </p>
      )}
      <ul>
        {sorted.map((m) => (
          <li key={m.id} className={`member ${m.status}`}>
            <span className="avatar-wrap">
              <Avatar name={m.name} color={m.color} size={30} />
              <span className={`presence-dot ${m.status}`} aria-hidden="true" />
            </span>
            <span className="member-name">
              <span>
                <PersonName member={m} />
                {m.id === myId && <span className="badge">you</span>}
              </span>
              <span className="muted small">
                {m.id === ownerId ? "Owner · " : ""}
                {stale
                  ? `Last known: ${m.status === "idle" ? "idle" : "online"}`
                  : m.status === "idle"
                    ? `Idle · ${lastSeenLabel(m.lastSeen, now)}`
                    : "Online"}
              </span>
              {onModerate && m.id !== myId && (
                <span className="mod-tools">
                  <button
                    type="button"
                    className="link small"
                    onClick={() => onModerate(m, "kick")}
                    aria-label={`Remove ${m.name}`}
                  >
                    Remove
                  </button>
                  <button
                    type="button"
                    className="link small"
                    onClick={() => onModerate(m, "ban")}
                    aria-label={`Ban ${m.name}`}
                  >
                    Ban
                  </button>
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}

/** An account's name links to its profile, a guest's to its guest page. */
function PersonName({ member }: { member: Member }) {
  const link = profileLink(member);
  if (!link) return <span>{member.name}</span>;
  return (
    <Link to={link.to} state={link.state}>
      {member.name}
    </Link>
  );
}
