import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { DirectoryRoom, DirectorySort } from "../../../protocol";
import { LIMITS } from "../../../protocol/limits";
import { ApiError, api } from "../lib/api";
import { useNow } from "../lib/hooks";
import { relativeTime } from "../lib/time";
import { Avatar, colorFor } from "./Avatar";

/** The public directory: filter, sort, keyset pages. */
export function RoomDirectory() {
  const now = useNow();
  const [q, setQ] = useState("");
  const [sort, setSort] = useState<DirectorySort>("activity");
  const [rooms, setRooms] = useState<DirectoryRoom[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const t = setTimeout(
      () => {
        api.directory({ q: q.trim(), sort }).then(
          (b) => {
            if (!live) return;
            setRooms(b.rooms);
            setNext(b.nextCursor);
            setError(null);
          },
          (err) => {
            if (!live) return;
            if (err instanceof ApiError && err.missingEndpoint) setMissing(true);
            else setError(err instanceof ApiError ? err.message : "Could not load rooms.");
          },
        );
      },
      q ? 250 : 0,
    );
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q, sort]);

  async function more() {
    if (!next) return;
    try {
      const b = await api.directory({ q: q.trim(), sort, cursor: next });
      setRooms((r) => [...(r ?? []), ...b.rooms]);
      setNext(b.nextCursor);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not load more rooms.");
    }
  }

  if (missing) return null;
  return (
    <section className="card stack wide" aria-labelledby="dir-title">
      <div className="section-head">
        <h2 id="dir-title">Public rooms</h2>
        <div className="filters">
          <input
            type="search"
            aria-label="Filter rooms"
            placeholder="Filter rooms"
            maxLength={LIMITS.roomNameMax}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <select
            aria-label="Sort rooms"
            value={sort}
            onChange={(e) => setSort(e.target.value === "online" ? "online" : "activity")}
          >
            <option value="activity">Recently active</option>
            <option value="online">Most people online</option>
          </select>
        </div>
      </div>
      {error && <p className="error">{error}</p>}
      {rooms === null && !error && <p className="muted">Loading…</p>}
      {rooms?.length === 0 && (
        <p className="muted">{q ? "No rooms match." : "No public rooms yet. Start one!"}</p>
      )}
      {rooms && rooms.length > 0 && (
        <ul className="room-list">
          {rooms.map((r) => (
            <li key={r.id}>
              <Link to={`/r/${r.id}`} className="room-row">
                <Avatar name={r.name} color={colorFor(r.id)} size={36} />
                <span className="room-row-main">
                  <strong>{r.name}</strong>
                  <span className="muted small">
                    {r.topic ? `${r.topic} · ` : ""}active {relativeTime(r.lastActivity, now)}
                  </span>
                </span>
                <span className={r.online > 0 ? "online-count live" : "online-count"}>
                  {r.online}
                  <span className="sr-only"> online</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" onClick={() => void more()}>
          Show more rooms
        </button>
      )}
    </section>
  );
}
