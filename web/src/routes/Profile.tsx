import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { Avatar } from "../components/Avatar";
import { ApiError, api, type Profile as ProfileBody } from "../lib/api";
import { useTitle } from "../lib/hooks";
import { useSession } from "../lib/session";
import { lastSeenLabel } from "../lib/time";

export function Profile() {
  const { username = "" } = useParams();
  const { me } = useSession();
  const [profile, setProfile] = useState<ProfileBody["user"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useTitle(`${profile?.name ?? username} · Parley`);

  useEffect(() => {
    let live = true;
    setProfile(null);
    setError(null);
    api.profile(username).then(
      (body) => live && setProfile(body.user),
      (err) => {
        if (!live) return;
        if (err instanceof ApiError && err.missingEndpoint)
          setError("Profiles aren't available on this server yet.");
        else if (err instanceof ApiError && err.status === 404)
          setError(`There's no one called @${username}.`);
        else setError(err instanceof ApiError ? err.message : "Could not load this profile.");
      },
    );
    return () => {
      live = false;
    };
  }, [username]);

  if (error) {
    return (
      <div className="card stack center">
        <h1>Profile unavailable</h1>
        <p className="muted">{error}</p>
        <Link to="/" className="button primary">
          Back to the lobby
        </Link>
      </div>
    );
  }
  if (!profile) return <p className="muted center">Loading…</p>;
  return (
    <div className="card stack center profile">
      <Avatar name={profile.name} color={profile.color} size={72} />
      <h1>{profile.name}</h1>
      {profile.username && <p className="muted">@{profile.username}</p>}
      <p className={profile.online ? "ok" : "muted"}>
        {profile.online
          ? "Online now"
          : profile.lastSeen
            ? `Last seen: ${lastSeenLabel(profile.lastSeen)}`
            : "Offline"}
      </p>
      {me?.id === profile.id && (
        <Link to="/settings" className="button">
          Edit profile
        </Link>
      )}
    </div>
  );
}
