import { useId, useState } from "react";
import { LIMITS } from "../../../protocol/limits";
import { api } from "../lib/api";
import { useSession } from "../lib/session";
import { authError, useSubmit } from "../lib/useSubmit";

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
  const { busy, error, onSubmit } = useSubmit(
    async () => setMe((await api.guest(name)).user),
    (err) => authError(err, "Could not start a guest session."),
  );
  const headingId = useId();

  return (
    <form className="card stack" onSubmit={onSubmit} aria-labelledby={headingId}>
      <h1 id={headingId}>{title}</h1>
      <p className="muted">{intro}</p>
      <label className="field">
        <span>Display name</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={LIMITS.displayNameMax}
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
