import { useState } from "react";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { api } from "../lib/api";
import { useTitle } from "../lib/hooks";
import { nextPath, useSession } from "../lib/session";
import { authError, useSubmit } from "../lib/useSubmit";

export function Register() {
  const { me, setMe } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const next = nextPath(location.search);
  const [username, setUsername] = useState("");
  const [name, setName] = useState(me?.guest ? me.name : "");
  const [password, setPassword] = useState("");
  const { busy, error, onSubmit } = useSubmit(
    async () => {
      setMe((await api.register(username.trim(), password, name.trim() || undefined)).user);
      navigate(next, { replace: true });
    },
    (err) => authError(err, "Could not create the account."),
  );
  useTitle("Create an account · Parley");

  if (me && !me.guest) return <Navigate to={next} replace />;

  const validName = /^[A-Za-z0-9_-]{3,32}$/.test(username);
  return (
    <div className="auth-page">
      <form className="card stack" onSubmit={onSubmit} aria-labelledby="register-title">
        <h1 id="register-title">Create an account</h1>
        {me?.guest && (
          <p className="muted">
            Keep your name and rooms by turning your guest identity into an account.
          </p>
        )}
        <label className="field">
          <span>Username</span>
          <input
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            required
            minLength={3}
            maxLength={32}
            pattern="[A-Za-z0-9_\-]{3,32}"
            aria-describedby="username-hint"
          />
          <span id="username-hint" className={username && !validName ? "hint error" : "hint"}>
            3–32 letters, digits, _ or -
          </span>
        </label>
        <label className="field">
          <span>Display name (optional)</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="nickname"
            maxLength={40}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
            required
            minLength={8}
            aria-describedby="password-hint"
          />
          <span id="password-hint" className="hint">
            At least 8 characters
          </span>
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="primary"
          disabled={busy || !validName || password.length < 8}
        >
          {busy ? "Creating…" : "Create account"}
        </button>
        <p className="muted small center">
          Already have one? <Link to={`/login${location.search}`}>Log in</Link>
        </p>
      </form>
    </div>
  );
}
