import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { GuestForm } from "../components/GuestForm";
import { ApiError, api } from "../lib/api";
import { useSession } from "../lib/session";

export function Lobby() {
  const { me } = useSession();
  if (me === undefined) return <p className="muted center">Loading…</p>;
  if (me === null) return <GuestForm />;
  return <CreateRoom />;
}

function CreateRoom() {
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState("");

  async function create(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { room } = await api.createRoom({ name });
      navigate(`/r/${room.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not create the room");
      setBusy(false);
    }
  }

  function join(e: FormEvent) {
    e.preventDefault();
    const match = /\/r\/([A-Za-z0-9_-]+)/.exec(link) ?? /^([A-Za-z0-9_-]{6,32})$/.exec(link.trim());
    if (match?.[1]) navigate(`/r/${match[1]}`);
    else setError("That doesn't look like a room link");
  }

  return (
    <div className="lobby">
      <form className="card stack" onSubmit={create}>
        <h1>Start a room</h1>
        <label className="field">
          <span>Room name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required />
        </label>
        <button type="submit" className="primary" disabled={busy || !name.trim()}>
          Create room
        </button>
      </form>
      <form className="card stack" onSubmit={join}>
        <h2>Join by link</h2>
        <label className="field">
          <span>Room link</span>
          <input
            value={link}
            onChange={(e) => setLink(e.target.value)}
            placeholder="https://…/r/…"
          />
        </label>
        <button type="submit" disabled={!link.trim()}>
          Join
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
