import { useState } from "react";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { LIMITS } from "../../../protocol/limits";
import { api } from "../lib/api";
import { useTitle } from "../lib/hooks";
import { nextPath, useSession } from "../lib/session";
import { authError, useSubmit } from "../lib/useSubmit";

export function Login() {
  const { me, setMe } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const next = nextPath(location.search);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, onSubmit } = useSubmit(
    async () => {
      setMe((await api.login(username.trim(), password)).user);
      navigate(next, { replace: true });
    },
    (err) => authError(err, "Wrong username or password."),
  );
  useTitle("Log in · Parley");

  if (me && !me.guest) return <Navigate to={next} replace />;

  return (
    <div className="auth-page">
      <form className="card stack" onSubmit={onSubmit} aria-labelledby="login-title">
        <h1 id="login-title">Log in</h1>
        <label className="field">
          <span>Username</span>
          <input
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            required
            maxLength={LIMITS.usernameMax}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || !username || !password}>
          {busy ? "Logging in…" : "Log in"}
        </button>
        <p className="muted small center">
          New here? <Link to={`/register${location.search}`}>Create an account</Link>
          {!me && (
            <>
              {" "}
              or <Link to={next === "/" ? "/" : next}>continue as a guest</Link>
            </>
          )}
        </p>
      </form>
    </div>
  );
}
