import { useState } from "react";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { ID_PATTERNS, idPattern, LIMITS } from "../../../protocol/limits";
import { api } from "../lib/api";
import { useTitle } from "../lib/hooks";
import { nextPath, useSession } from "../lib/session";
import { authError, useSubmit } from "../lib/useSubmit";

const USERNAME = idPattern("username");

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

  const validName = USERNAME.test(username);
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
            minLength={LIMITS.usernameMin}
            maxLength={LIMITS.usernameMax}
            pattern={ID_PATTERNS.username}
            aria-describedby="username-hint"
          />
          <span id="username-hint" className={username && !validName ? "hint error" : "hint"}>
            {LIMITS.usernameMin}–{LIMITS.usernameMax} letters, digits, _ or -
          </span>
        </label>
        <label className="field">
          <span>Display name (optional)</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="nickname"
            maxLength={LIMITS.displayNameMax}
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
            minLength={LIMITS.passwordMin}
            maxLength={LIMITS.passwordMax}
            aria-describedby="password-hint"
          />
          <span id="password-hint" className="hint">
            At least {LIMITS.passwordMin} characters
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
          disabled={busy || !validName || password.length < LIMITS.passwordMin}
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
