import { type FormEvent, useId, useState } from "react";
import { ApiError, api } from "../lib/api";
import { useSession } from "../lib/session";

/** One step to an identity: a display name makes a guest. */
export function GuestForm({
  title = "Join Parley",
  intro = "Pick a display name to start chatting. No sign-up needed.",
}: {
  title?: string;
  intro?: string;
}) {
  const { setMe } = useSession();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setMe((await api.guest(name)).user);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Something went wrong. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby={headingId}>
      <h1 id={headingId}>{title}</h1>
      <p className="muted">{intro}</p>
      <label className="field">
        <span>Display name</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={40}
          required
          autoComplete="nickname"
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !name.trim()}>
        Continue as guest
      </button>
    </form>
  );
}
