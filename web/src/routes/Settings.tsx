import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { LIMITS } from "../../../protocol/limits";
import { Avatar } from "../components/Avatar";
import { IdentityGate } from "../components/IdentityGate";
import { ApiError, api } from "../lib/api";
import { useTitle } from "../lib/hooks";
import { askNotificationPermission } from "../lib/notify";
import {
  getTheme,
  notificationsWanted,
  setNotificationsWanted,
  setTheme,
  type Theme,
} from "../lib/prefs";
import { useSession } from "../lib/session";

const COLORS = [
  "#4f46e5",
  "#0e7490",
  "#15803d",
  "#b45309",
  "#be123c",
  "#7e22ce",
  "#0369a1",
  "#475569",
];

export function Settings() {
  const { me } = useSession();
  useTitle("Settings · Parley");
  if (me === undefined) return <p className="muted center">Loading…</p>;
  if (me === null)
    return <IdentityGate title="Settings" intro="Pick a display name to get started." />;
  return (
    <div className="page stack">
      <h1>Settings</h1>
      <ProfileSection />
      <AppearanceSection />
      <NotificationSection />
      <SessionSection />
    </div>
  );
}

function ProfileSection() {
  const { me, setMe } = useSession();
  const [name, setName] = useState(me?.name ?? "");
  const [color, setColor] = useState(me?.color ?? COLORS[0] ?? "#4f46e5");
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!me) return null;

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setStatus(null);
    try {
      setMe((await api.updateMe({ name: name.trim(), color })).user);
      setStatus({ ok: true, text: "Saved." });
    } catch (err) {
      const text =
        err instanceof ApiError && err.missingEndpoint
          ? "Profile changes aren't available on this server yet."
          : err instanceof ApiError
            ? err.message
            : "Could not save. Try again.";
      setStatus({ ok: false, text });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack wide" onSubmit={save} aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <div className="profile-preview">
        <Avatar name={name || me.name} color={color} size={48} />
        <div>
          <strong>{name || me.name}</strong>
          <p className="muted small">
            {me.username ? `@${me.username}` : "Guest — create an account to keep this identity"}
          </p>
        </div>
      </div>
      <label className="field">
        <span>Display name</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={LIMITS.displayNameMax}
          required
        />
      </label>
      <fieldset className="field">
        <legend>Avatar colour</legend>
        <div className="swatches">
          {COLORS.map((c) => (
            <label key={c} className="swatch" style={{ background: c }}>
              <input
                type="radio"
                className="swatch-radio"
                name="color"
                value={c}
                checked={color.toLowerCase() === c}
                onChange={() => setColor(c)}
                aria-label={`Colour ${c}`}
              />
            </label>
          ))}
          <label className="swatch custom">
            <input
              type="color"
              className="swatch-custom"
              value={color}
              onChange={(e) => setColor(e.target.value)}
              aria-label="Custom colour"
            />
          </label>
        </div>
      </fieldset>
      {status && (
        <p className={status.ok ? "ok" : "error"} role="status">
          {status.text}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !name.trim()}>
        Save profile
      </button>
    </form>
  );
}

function AppearanceSection() {
  const [theme, set] = useState<Theme>(getTheme);
  return (
    <section className="card stack wide" aria-labelledby="appearance-title">
      <h2 id="appearance-title">Appearance</h2>
      <fieldset className="segmented">
        <legend>Theme</legend>
        {(["system", "light", "dark"] as const).map((t) => (
          <label key={t} className={theme === t ? "selected" : ""}>
            <input
              type="radio"
              name="theme"
              value={t}
              checked={theme === t}
              onChange={() => {
                set(t);
                setTheme(t);
              }}
            />
            {t === "system" ? "System" : t === "light" ? "Light" : "Dark"}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

function NotificationSection() {
  const [on, setOn] = useState(notificationsWanted);
  const [note, setNote] = useState<string | null>(null);
  async function toggle(want: boolean) {
    setNote(null);
    if (want) {
      const permission = await askNotificationPermission();
      if (permission !== "granted") {
        setNote(
          permission === "unsupported"
            ? "This browser doesn't support notifications."
            : "Notifications are blocked for this site in your browser settings.",
        );
        return;
      }
    }
    setNotificationsWanted(want);
    setOn(want);
  }
  return (
    <section className="card stack wide" aria-labelledby="notify-title">
      <h2 id="notify-title">Notifications</h2>
      <label className="check">
        <input type="checkbox" checked={on} onChange={(e) => void toggle(e.target.checked)} />
        Notify me when someone @mentions me while Parley is in the background
      </label>
      {note && <p className="error small">{note}</p>}
    </section>
  );
}

function SessionSection() {
  const { logout } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  async function out(everywhere: boolean) {
    setError(null);
    try {
      await logout(everywhere);
      navigate("/");
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not log out. Try again.");
    }
  }
  return (
    <section className="card stack wide" aria-labelledby="session-title">
      <h2 id="session-title">Sessions</h2>
      <div className="row">
        <button type="button" onClick={() => void out(false)}>
          Log out
        </button>
        <button type="button" className="danger" onClick={() => void out(true)}>
          Log out everywhere
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
