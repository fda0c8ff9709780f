import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { MyRoom } from "../../../protocol";
import { api } from "../lib/api";
import { useNow } from "../lib/hooks";
import { type RecentRoom, recentRooms } from "../lib/prefs";
import { relativeTime } from "../lib/time";
import { Avatar, colorFor } from "./Avatar";
import { Icon } from "./Icon";

/** The rooms this user joined, with unread counts; this browser's recent rooms as a fallback. */
export function YourRooms() {
  const now = useNow();
  const [rooms, setRooms] = useState<MyRoom[] | null>(null);
  const [recent] = useState<RecentRoom[]>(recentRooms);
  const [fallback, setFallback] = useState(false);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      api.myRooms().then(
        (b) => {
          if (!live) return;
          setRooms(b.rooms);
          // The server says how often this list is worth refreshing.
          timer = setTimeout(load, Math.max(5000, b.pollMs));
        },
        () => live && setFallback(true),
      );
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);

  if (fallback) {
    if (recent.length === 0) return null;
    return (
      <section className="card stack wide" aria-labelledby="recent-title">
        <h2 id="recent-title">Recently visited</h2>
        <ul className="room-list">
          {recent.map((r) => (
            <li key={r.id}>
              <Link to={r.path?.startsWith("/r/") ? r.path : `/r/${r.id}`} className="room-row">
                <Avatar name={r.name} color={colorFor(r.id)} size={36} />
                <span className="room-row-main">
                  <strong>{r.name}</strong>
                  <span className="muted small">visited {relativeTime(r.at, now)}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  if (rooms === null) return null;
  return (
    <section className="card stack wide" aria-labelledby="mine-title">
      <h2 id="mine-title">Your rooms</h2>
      {rooms.length === 0 ? (
        <p className="muted">Rooms you join show up here.</p>
      ) : (
        <ul className="room-list">
          {rooms.map((r) => {
            const title = r.dmWith ? r.dmWith.name : r.name;
            return (
              <li key={r.id}>
                <Link to={`/r/${r.id}`} className="room-row">
                  <Avatar name={title} color={colorFor(r.id)} size={36} />
                  <span className="room-row-main">
                    <strong>
                      {r.visibility === "private" && !r.dmWith && <PrivateMark />}
                      {title}
                    </strong>
                    <span className="muted small">
                      {r.dmWith ? "Direct chat · " : ""}active {relativeTime(r.lastActivity, now)}
                    </span>
                  </span>
                  {r.unread > 0 && (
                    <span className={r.mentioned ? "unread mention" : "unread"}>
                      {r.mentioned ? "@ " : ""}
                      {r.unread > 99 ? "99+" : r.unread}
                      <span className="sr-only">
                        {" "}
                        unread{r.mentioned ? ", you were mentioned" : ""}
                      </span>
                    </span>
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function PrivateMark() {
  return (
    <span className="lock">
      <Icon name="lock" size={14} />
      <span className="sr-only">Private: </span>
    </span>
  );
}
