import { useEffect, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import type { UserPresenceBody } from "../../../protocol";
import { Avatar } from "../components/Avatar";
import { ApiError, api } from "../lib/api";
import { useTitle } from "../lib/hooks";
import { useSession } from "../lib/session";
import { lastSeenLabel } from "../lib/time";

/** What a link into a profile may carry (a members list knows names and ids, not usernames). */
export type ProfileHint = { name?: string; color?: string };

type Person = {
  id: string;
  name: string;
  color?: string;
  username: string | null;
  guest?: boolean;
};

/**
 * `/u/:username`: an account's profile. `/guest/:userId`: a guest's page (guests have no
 * profile: the name comes from the link that led here, presence from the server). An older
 * `/u/<user id>` link still shows what the link carried.
 */
export function Profile() {
  const { username = "", userId } = useParams();
  const param = userId ?? username;
  const hint = (useLocation().state ?? {}) as ProfileHint;
  const { me } = useSession();
  const navigate = useNavigate();
  const [person, setPerson] = useState<Person | null>(null);
  const [presence, setPresence] = useState<UserPresenceBody | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useTitle(`${person?.name ?? param} · Parley`);

  useEffect(() => {
    let live = true;
    setPerson(null);
    setPresence(null);
    setNote(null);
    (async () => {
      let found: Person | null = null;
      if (userId !== undefined) {
        found =
          me?.id === userId
            ? { id: me.id, name: me.name, color: me.color, username: me.username, guest: me.guest }
            : { id: userId, name: hint.name ?? "A guest", color: hint.color, username: null };
        found.guest ??= true;
      } else {
        try {
          const { user } = await api.profile(param);
          found = { ...user };
        } catch (err) {
          if (me && (param === me.id || param === me.username)) {
            found = { id: me.id, name: me.name, color: me.color, username: me.username };
          } else if (hint.name) {
            found = { id: param, name: hint.name, color: hint.color, username: null };
          } else if (!(err instanceof ApiError && err.status === 404)) {
            if (live)
              setNote(err instanceof ApiError ? err.message : "Could not load this profile.");
            return;
          }
        }
      }
      if (!live) return;
      if (!found) {
        setNote(`There's no one called @${param}.`);
        return;
      }
      setPerson(found);
      api.presence(found.id).then(
        (p) => live && setPresence(p),
        () => undefined, // presence is a nicety; the profile stands without it
      );
    })();
    return () => {
      live = false;
    };
  }, [param, userId, me, hint.name, hint.color]);

  async function openDm() {
    if (!person) return;
    setBusy(true);
    try {
      const { link } = await api.startDm(person.id);
      navigate(link);
    } catch (err) {
      setNote(
        err instanceof ApiError && err.missingEndpoint
          ? "Direct chats aren't available on this server yet."
          : err instanceof ApiError
            ? err.message
            : "Could not open a direct chat.",
      );
      setBusy(false);
    }
  }

  if (!person) {
    return note ? (
      <div className="card stack center">
        <h1>Profile unavailable</h1>
        <p className="muted">{note}</p>
        <Link to="/" className="button primary">
          Back to the lobby
        </Link>
      </div>
    ) : (
      <p className="muted center">Loading…</p>
    );
  }
  const isMe = me?.id === person.id;
  return (
    <div className="card stack center profile">
      <Avatar name={person.name} color={person.color} size={72} />
      <h1>{person.name}</h1>
      {person.username && <p className="muted">@{person.username}</p>}
      {person.guest && (
        <p className="muted">
          <span className="badge">guest</span> No account, so no public profile.
        </p>
      )}
      {presence && (
        <p className={presence.online ? "ok" : "muted"}>
          {presence.online
            ? "Online now"
            : presence.lastSeen
              ? `Last seen: ${lastSeenLabel(presence.lastSeen)}`
              : "Not seen yet"}
        </p>
      )}
      {note && <p className="muted">{note}</p>}
      {isMe ? (
        <Link to="/settings" className="button">
          Edit profile
        </Link>
      ) : (
        me && (
          <button type="button" className="primary" onClick={() => void openDm()} disabled={busy}>
            Chat privately
          </button>
        )
      )}
    </div>
  );
}
