import { Link } from "react-router";
import { GuestForm } from "../components/GuestForm";
import { CreateRoom, JoinByLink } from "../components/LobbyForms";
import { RoomDirectory } from "../components/RoomDirectory";
import { YourRooms } from "../components/YourRooms";
import { useTitle } from "../lib/hooks";
import { useSession } from "../lib/session";

export function Lobby() {
  const { me } = useSession();
  useTitle("Parley");
  if (me === undefined) return <p className="muted center">Loading…</p>;
  if (me === null) {
    return (
      <div className="welcome">
        <div className="hero">
          <h1 className="hero-title">Talk in real time, right in the browser.</h1>
          <p className="muted">
            Make a room, share the link, and everyone's in. No install, no sign-up needed.
          </p>
        </div>
        <GuestForm title="Get started" />
        <p className="muted center small">
          Have an account? <Link to="/login">Log in</Link> · <Link to="/register">Sign up</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="lobby">
      <div className="lobby-greeting">
        <h1>Hi {me.name.split(/\s+/)[0]}, where to?</h1>
        <p className="muted">Start a room and share its link, or pick up where you left off.</p>
      </div>
      {/* "Your rooms" comes first in the page (what people come back for, and first on a phone);
          on wide screens the forms sit in the left column beside it. */}
      <div className="lobby-mine">
        <YourRooms />
      </div>
      <div className="lobby-side">
        <CreateRoom />
        <JoinByLink />
      </div>
      <div className="lobby-dir">
        <RoomDirectory />
      </div>
    </div>
  );
}
