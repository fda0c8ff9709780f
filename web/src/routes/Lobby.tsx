import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { Avatar, colorFor } from "../components/Avatar";
import { GuestForm } from "../components/GuestForm";
import { Icon } from "../components/Icon";
import { ApiError, api, type DirectoryRoom, type DirectorySort, type MyRoom } from "../lib/api";
import { useNow, useTitle } from "../lib/hooks";
import { type RecentRoom, recentRooms } from "../lib/prefs";
import { useSession } from "../lib/session";
import { relativeTime } from "../lib/time";

export function Lobby() {
  const { me } = useSession();
  useTitle("Parley");
  if (me === undefined) return <p className="muted center">Loading…</p>;
  if (me === null) {
    return (
      <div className="welcome">
        <div className="hero">
          <h1 className="hero-title">Talk in real time, right in the browser.</h1>
          <p className="muted">
            Make a room, share the link, and everyone's in. No install, no sign-up needed.
          </p>
        </div>
        <GuestForm title="Get started" />
        <p className="muted center small">
          Have an account? <Link to="/login">Log in</Link> · <Link to="/register">Sign up</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="lobby">
      <div className="lobby-greeting">
        <h1>Hi {me.name.split(/\s+/)[0]}, where to?</h1>
        <p className="muted">Start a room and share its link, or pick up where you left off.</p>
      </div>
      {/* "Your rooms" comes first in the page (what people come back for, and first on a phone);
          on wide screens the forms sit in the left column beside it. */}
      <div className="lobby-mine">
        <YourRooms />
      </div>
      <div className="lobby-side">
        <CreateRoom />
        <JoinByLink />
      </div>
      <div className="lobby-dir">
        <Directory />
      </div>
    </div>
  );
}

function CreateRoom() {
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [isPrivate, setPrivate] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { link } = await api.createRoom({
        name: name.trim(),
        visibility: isPrivate ? "private" : "public",
      });
      navigate(link);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not create the room. Try again.");
      setBusy(false);
    }
  }

  return (
    <form className="card stack" onSubmit={create} aria-labelledby="create-title">
      <h2 id="create-title">Start a room</h2>
      <label className="field">
        <span>Room name</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={60}
          required
          placeholder="e.g. Friday planning"
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} />
        Private: only people with the invite link can join
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !name.trim()}>
        Create room
      </button>
    </form>
  );
}

function JoinByLink() {
  const navigate = useNavigate();
  const [link, setLink] = useState("");
  const [error, setError] = useState<string | null>(null);
  function join(e: FormEvent) {
    e.preventDefault();
    const value = link.trim();
    let path: string | null = null;
    try {
      const url = new URL(value, location.origin);
      if (/^\/r\/[A-Za-z0-9_-]{6,32}$/.test(url.pathname)) path = url.pathname + url.search;
    } catch {
      // not a URL: maybe a bare id
    }
    if (!path && /^[A-Za-z0-9_-]{6,32}$/.test(value)) path = `/r/${value}`;
    if (path) navigate(path);
    else setError("That doesn't look like a room link. It looks like …/r/abc123.");
  }
  return (
    <form className="card stack" onSubmit={join} aria-labelledby="join-title">
      <h2 id="join-title">Join by link</h2>
      <label className="field">
        <span>Room link</span>
        <input
          value={link}
          onChange={(e) => setLink(e.target.value)}
          placeholder="https://…/r/…"
          aria-describedby={error ? "join-error" : undefined}
        />
      </label>
      {error && (
        <p className="error" id="join-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={!link.trim()}>
        Join
      </button>
    </form>
  );
}

function YourRooms() {
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

function Directory() {
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
