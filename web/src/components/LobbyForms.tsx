import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { idPattern, LIMITS } from "../../../protocol/limits";
import { ApiError, api } from "../lib/api";
import { useSubmit } from "../lib/useSubmit";

const ROOM_ID = idPattern("roomId");

/** Create a room, public or private, and go to it. */
export function CreateRoom() {
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [isPrivate, setPrivate] = useState(false);
  const {
    busy,
    error,
    onSubmit: create,
  } = useSubmit(
    async () => {
      const visibility = isPrivate ? "private" : "public";
      navigate((await api.createRoom({ name: name.trim(), visibility })).link);
    },
    (err) => (err instanceof ApiError ? err.message : "Could not create the room. Try again."),
  );

  return (
    <form className="card stack" onSubmit={create} aria-labelledby="create-title">
      <h2 id="create-title">Start a room</h2>
      <label className="field">
        <span>Room name</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={LIMITS.roomNameMax}
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

/** Go to a room from its link (or bare id), pasted from anywhere. */
export function JoinByLink() {
  const navigate = useNavigate();
  const [link, setLink] = useState("");
  const [error, setError] = useState<string | null>(null);
  function join(e: FormEvent) {
    e.preventDefault();
    const value = link.trim();
    let path: string | null = null;
    try {
      const url = new URL(value, location.origin);
      const [, r, id] = url.pathname.split("/");
      if (r === "r" && id && ROOM_ID.test(id) && url.pathname === `/r/${id}`) {
        path = url.pathname + url.search;
      }
    } catch {
      // not a URL: maybe a bare id
    }
    if (!path && ROOM_ID.test(value)) path = `/r/${value}`;
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
