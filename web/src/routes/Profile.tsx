import { useEffect, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { Avatar } from "../components/Avatar";
import { ApiError, api, type PresenceBody } from "../lib/api";
import { useTitle } from "../lib/hooks";
import { useSession } from "../lib/session";
import { lastSeenLabel } from "../lib/time";

/** What a link into a profile may carry (the members list knows names, the server only ids). */
export type ProfileHint = { name?: string; color?: string };

/** `/u/:username`: the param is a username or, from a members list, a user id. */
export function Profile() {
  const { username: param = "" } = useParams();
  const hint = (useLocation().state ?? {}) as ProfileHint;
  const { me } = useSession();
  const navigate = useNavigate();
  const isMe = !!me && (param === me.id || param === me.username);
  const name = isMe ? me.name : (hint.name ?? param);
  const color = isMe ? me.color : hint.color;
  const [presence, setPresence] = useState<PresenceBody | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useTitle(`${name} · Parley`);

  useEffect(() => {
    let live = true;
    setPresence(null);
    setNote(null);
    api.presence(isMe && me ? me.id : param).then(
      (body) => live && setPresence(body),
      (err) => {
        if (!live) return;
        if (err instanceof ApiError && err.missingEndpoint) setNote(null);
        else if (err instanceof ApiError && (err.status === 404 || err.status === 400))
          setNote("We don't know anyone at this address.");
        else setNote(err instanceof ApiError ? err.message : "Could not load this profile.");
      },
    );
    return () => {
      live = false;
    };
  }, [param, isMe, me]);

  async function openDm() {
    setBusy(true);
    try {
      const { link } = await api.startDm(param, name);
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

  return (
    <div className="card stack center profile">
      <Avatar name={name} color={color} size={72} />
      <h1>{name}</h1>
      {isMe && me?.username && <p className="muted">@{me.username}</p>}
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
        me &&
        !note && (
          <button type="button" className="primary" onClick={() => void openDm()} disabled={busy}>
            Chat privately
          </button>
        )
      )}
    </div>
  );
}
