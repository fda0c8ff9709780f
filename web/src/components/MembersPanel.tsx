import type { Member } from "../../../protocol";
import { lastSeenLabel } from "../lib/time";
import { Avatar } from "./Avatar";
import { Icon } from "./Icon";

/** Who is here: online first, then idle; a drawer on phones. */
export function MembersPanel({
  members,
  myId,
  ownerId,
  open,
  onClose,
  now,
}: {
  members: Member[];
  myId: string | undefined;
  ownerId: string | null | undefined;
  open: boolean;
  onClose: () => void;
  now: number;
}) {
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
                {m.name}
                {m.id === myId && <span className="badge">you</span>}
              </span>
              <span className="muted small">
                {m.id === ownerId ? "Owner · " : ""}
                {m.status === "idle" ? `Idle · ${lastSeenLabel(m.lastSeen, now)}` : "Online"}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
