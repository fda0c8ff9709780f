import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { MyRoom } from "../../../protocol";
import { ApiError, api } from "../lib/api";
import { readMyRooms, writeMyRooms } from "../lib/cache/store";
import { useNow } from "../lib/hooks";
import { type RecentRoom, recentRooms } from "../lib/prefs";
import { useSession } from "../lib/session";
import { relativeTime } from "../lib/time";
import { Avatar, colorFor } from "./Avatar";
import { Icon } from "./Icon";

/** When the list can't be fetched, it is asked for again this much later. */
const RETRY_MS = 5000;

/**
 * The rooms this user joined, with unread counts: the saved list at once, then the server's
 * (refreshed as often as it says). Offline, the saved list stays, marked as such. A server
 * without the list gets this browser's recent rooms instead.
 */
export function YourRooms() {
  const now = useNow();
  const { me } = useSession();
  const userId = me?.id;
  const [rooms, setRooms] = useState<MyRoom[] | null>(null);
  const [offline, setOffline] = useState(false);
  const [recent] = useState<RecentRoom[]>(recentRooms);
  const [fallback, setFallback] = useState(false);
  useEffect(() => {
    if (!userId) return;
    let live = true;
    let fresh = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    void readMyRooms(userId).then((cached) => {
      if (live && cached && !fresh) setRooms(cached);
    });
    const load = () =>
      api.myRooms().then(
        (b) => {
          if (!live) return;
          fresh = true;
          setRooms(b.rooms);
          setOffline(false);
          void writeMyRooms(userId, b.rooms);
          // The server says how often this list is worth refreshing.
          timer = setTimeout(load, Math.max(5000, b.pollMs));
        },
        (err) => {
          if (!live) return;
          // An older server without the list, or an error: this browser's recent rooms.
          if (!(err instanceof ApiError && err.code === "network")) {
            setFallback(true);
            return;
          }
          // Unreachable: the saved list stays (recent rooms without one); ask again.
          setOffline(true);
          timer = setTimeout(load, RETRY_MS);
        },
      );
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [userId]);

  if (fallback || (offline && rooms === null)) {
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
      <div className="section-head">
        <h2 id="mine-title">Your rooms</h2>
        {offline && (
          <span className="saved-note muted small">
            <Icon name="offline" size={14} />
            Offline · saved list
          </span>
        )}
      </div>
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
