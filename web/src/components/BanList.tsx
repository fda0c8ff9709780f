import { useEffect, useState } from "react";
import type { BannedUser } from "../../../protocol";
import { ApiError, api } from "../lib/api";
import { useConfirm } from "../lib/confirm";
import { relativeTime } from "../lib/time";

/** The owner's list of a room's bans, each with "Lift ban". `version` changes refetch it. */
export function BanList({ roomId, version }: { roomId: string; version: number }) {
  const confirm = useConfirm();
  const [bans, setBans] = useState<BannedUser[] | null>(null);
  const [more, setMore] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    // `version` is a refetch trigger from the members list's Ban button.
    void version;
    let live = true;
    api.bans(roomId).then(
      (body) => {
        if (!live) return;
        setBans(body.bans);
        setMore(body.hasMore);
      },
      (err) => {
        if (!live) return;
        setBans([]);
        setStatus({
          ok: false,
          text: err instanceof ApiError ? err.message : "Could not load the bans.",
        });
      },
    );
    return () => {
      live = false;
    };
  }, [roomId, version]);

  async function lift(ban: BannedUser) {
    const who = ban.name ?? "this user";
    const agreed = await confirm({
      title: `Lift the ban on ${who}?`,
      body: "They can join the room again (a private room still needs its invite link).",
      confirm: "Lift ban",
    });
    if (!agreed) return;
    setBusy(ban.id);
    setStatus(null);
    try {
      await api.unban(roomId, ban.id);
      setBans((list) => list?.filter((b) => b.id !== ban.id) ?? null);
      setStatus({ ok: true, text: `Ban lifted: ${who} can join again.` });
    } catch (err) {
      setStatus({
        ok: false,
        text: err instanceof ApiError ? err.message : "Could not lift the ban. Try again.",
      });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="bans" aria-labelledby="bans-title">
      <h3 id="bans-title">
        Banned <span className="muted">{bans ? bans.length + (more ? "+" : "") : ""}</span>
      </h3>
      {bans === null ? (
        <p className="muted small">Loading…</p>
      ) : bans.length === 0 ? (
        <p className="muted small">No one is banned from this room.</p>
      ) : (
        <ul className="ban-list">
          {bans.map((ban) => (
            <li key={ban.id}>
              <span className="ban-who">
                <span className="ban-name">{ban.name ?? "Unknown user"}</span>
                <span className="muted small">
                  {ban.username ? `@${ban.username} · ` : ban.guest ? "Guest · " : ""}
                  banned {relativeTime(ban.bannedAt)}
                </span>
              </span>
              <button
                type="button"
                className="small"
                disabled={busy === ban.id}
                onClick={() => void lift(ban)}
                aria-label={`Lift ban on ${ban.name ?? "this user"}`}
              >
                Lift ban
              </button>
            </li>
          ))}
        </ul>
      )}
      {more && <p className="muted small">Showing the most recent {bans?.length} bans.</p>}
      {status && (
        <p className={status.ok ? "ok small" : "error small"} role="status">
          {status.text}
        </p>
      )}
    </section>
  );
}
