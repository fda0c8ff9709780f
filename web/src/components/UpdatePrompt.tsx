import { useWaitingUpdate } from "../lib/pwa/update-store";
import { Icon } from "./Icon";

/**
 * "New version — Reload": a pill in the top bar once a new build's service worker is waiting.
 * It covers nothing (the room's composer and header stay free); the reload switches builds and
 * keeps unsent posts (they are in the outbox).
 */
export function UpdatePrompt() {
  const apply = useWaitingUpdate();
  if (!apply) return null;
  return (
    <div className="update-prompt" role="status">
      <span className="sr-only">A new version of Parley is ready. </span>
      <button type="button" className="update-button" onClick={apply} title="Reload to update">
        <Icon name="refresh" size={15} />
        <span className="update-label">New version</span>
        <strong>Reload</strong>
      </button>
    </div>
  );
}
