import { useEffect, useState } from "react";
import type { Connection } from "../lib/realtime";

/** "Connected", or "Reconnecting in 3 s… Retry now" with a live countdown. */
export function ConnectionStatus({
  connection,
  pending,
  onRetry,
}: {
  connection: Connection;
  pending: number;
  onRetry: () => void;
}) {
  const [, tick] = useState(0);
  useEffect(() => {
    if (connection.status !== "reconnecting") return;
    const t = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(t);
  }, [connection.status]);

  if (connection.status === "open") {
    return (
      <span className="conn ok" title="Connected">
        <span className="dot" aria-hidden="true" />
        <span className="conn-label">Live</span>
      </span>
    );
  }
  if (connection.status === "reconnecting") {
    const secs = Math.max(0, Math.ceil((connection.retryAt - Date.now()) / 1000));
    return (
      <div className="conn-banner" role="status">
        <span>
          {secs > 0 ? `Reconnecting in ${secs} s…` : "Reconnecting…"}
          {pending > 0 && ` ${pending} waiting to send.`}
        </span>
        <button type="button" className="link" onClick={onRetry}>
          Retry now
        </button>
      </div>
    );
  }
  if (connection.status === "connecting") {
    return (
      <span className="conn" role="status">
        <span className="dot" aria-hidden="true" />
        <span className="conn-label">Connecting…</span>
      </span>
    );
  }
  return null;
}
