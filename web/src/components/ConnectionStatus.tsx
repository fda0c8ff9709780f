import { useEffect, useState } from "react";
import type { Connection } from "../lib/realtime/state";

/** The header's small status: "Live", "Connecting…" or "Offline" (the banner says the rest). */
export function ConnectionStatus({ connection }: { connection: Connection }) {
  if (connection.status === "open") {
    return (
      <span className="conn ok" title="Connected">
        <span className="dot" aria-hidden="true" />
        <span className="conn-label">Live</span>
      </span>
    );
  }
  if (connection.status === "reconnecting") {
    return (
      <span className="conn off" title="Not connected">
        <span className="dot" aria-hidden="true" />
        <span className="conn-label">Offline</span>
      </span>
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

/**
 * "Reconnecting in 3 s… Retry now" with a live countdown: a strip of its own under the room
 * header (never on top of the header's controls), shown only while the connection is down.
 */
export function ReconnectBanner({
  connection,
  pending,
  onRetry,
}: {
  connection: Connection;
  pending: number;
  onRetry: () => void;
}) {
  const [, tick] = useState(0);
  const reconnecting = connection.status === "reconnecting";
  useEffect(() => {
    if (!reconnecting) return;
    const t = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(t);
  }, [reconnecting]);
  if (connection.status !== "reconnecting") return null;
  const secs = Math.max(0, Math.ceil((connection.retryAt - Date.now()) / 1000));
  return (
    <div className="conn-banner" role="status">
      <span className="conn-banner-dot" aria-hidden="true" />
      {/* The countdown changes every second: screen readers hear the sentence once. */}
      <span aria-hidden="true">
        <span className="conn-banner-lead">Connection lost. </span>
        {secs > 0 ? `Reconnecting in ${secs} s…` : "Reconnecting…"}
        {pending > 0 && ` ${pending} waiting to send.`}
      </span>
      <span className="sr-only">
        Connection lost. Reconnecting…{pending > 0 && ` ${pending} waiting to send.`}
      </span>
      <button type="button" className="link" onClick={onRetry}>
        Retry now
      </button>
    </div>
  );
}
