import { useEffect } from "react";
import { Link } from "react-router";
import { CLOSE_SIGNED_OUT } from "../../../protocol/close-codes";
import type { Connection } from "../lib/realtime/state";
import { useSession } from "../lib/session";

/** The room ended the connection for good: say why, or ask who is here after a sign-out. */
export function RoomClosed({
  connection,
}: {
  connection: Extract<Connection, { status: "closed" }>;
}) {
  if (connection.code === CLOSE_SIGNED_OUT) return <SignedOut />;
  return (
    <div className="card stack center">
      <h1>Can't open this room</h1>
      <p className="muted">{connection.reason}</p>
      <Link to="/" className="button primary">
        Back to the lobby
      </Link>
    </div>
  );
}

/** The session behind this socket ended (here or on another device): ask who is here now. */
function SignedOut() {
  const { sessionEnded } = useSession();
  useEffect(() => {
    void sessionEnded();
  }, [sessionEnded]);
  return <p className="muted center">You signed out.</p>;
}
