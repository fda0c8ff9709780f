import { type FormEvent, useState } from "react";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { ApiError, api } from "../lib/api";
import { useTitle } from "../lib/hooks";
import { nextPath, useSession } from "../lib/session";

export function Login() {
  const { me, setMe } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const next = nextPath(location.search);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useTitle("Log in · Parley");

  if (me && !me.guest) return <Navigate to={next} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setMe((await api.login(username.trim(), password)).user);
      navigate(next, { replace: true });
    } catch (err) {
      setError(authError(err, "Wrong username or password."));
      setBusy(false);
    }
  }

  return (
    <div className="auth-page">
      <form className="card stack" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Log in</h1>
        <label className="field">
          <span>Username</span>
          <input
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            required
            maxLength={64}
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

/** A sentence for the form: the server's, or a plain one for the unexpected. */
export function authError(err: unknown, unauthorized: string): string {
  if (!(err instanceof ApiError)) return "Something went wrong. Try again.";
  if (err.missingEndpoint)
    return "Accounts aren't available on this server yet. Continue as a guest for now.";
  if (err.status === 401) return unauthorized;
  if (err.status === 429) return "Too many attempts. Wait a minute and try again.";
  const field = Object.values(err.fields)[0];
  return field ? `${err.message}: ${field}` : err.message;
}
