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
 * `offline`: the page has not reached the server at all (or the browser says it is offline),
 * so what is shown is the saved copy and new posts wait in the outbox.
 */
export function ReconnectBanner({
  connection,
  pending,
  offline,
  onRetry,
}: {
  connection: Connection;
  pending: number;
  offline: boolean;
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
  const waiting = pending > 0 ? ` ${pending} waiting to send.` : "";
  const lead = offline
    ? "You're offline: showing saved messages. Posts you write are sent once you're back."
    : "Connection lost.";
  const retry = offline
    ? secs > 0
      ? `Trying again in ${secs} s…`
      : "Trying again…"
    : secs > 0
      ? `Reconnecting in ${secs} s…`
      : "Reconnecting…";
  return (
    <div className={offline ? "conn-banner offline" : "conn-banner"} role="status">
      <span className="conn-banner-dot" aria-hidden="true" />
      {/* The countdown changes every second: screen readers hear the sentence once. */}
      <span aria-hidden="true">
        <span className="conn-banner-lead">{lead} </span>
        {offline && <span className="conn-banner-short">Offline: saved messages. </span>}
        {retry}
        {waiting}
      </span>
      <span className="sr-only">
        {lead} {offline ? "Trying again…" : "Reconnecting…"}
        {waiting}
      </span>
      <button type="button" className="link" onClick={onRetry}>
        Retry now
      </button>
    </div>
  );
}
