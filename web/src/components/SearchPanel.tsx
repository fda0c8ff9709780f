import { type FormEvent, useEffect, useRef, useState } from "react";
import { LIMITS } from "../../../protocol/limits";
import type { SearchState } from "../lib/realtime/state";
import { relativeTime } from "../lib/time";
import { Icon } from "./Icon";

/** Search the room's history; a result jumps to the post in the conversation. */
export function SearchPanel({
  search,
  onSearch,
  onClose,
  onPick,
  now,
}: {
  search: SearchState | null;
  onSearch: (q: string) => void;
  onClose: () => void;
  onPick: (seq: number) => void;
  now: number;
}) {
  const [q, setQ] = useState(search?.q ?? "");
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  function submit(e: FormEvent) {
    e.preventDefault();
    onSearch(q);
  }

  return (
    <section className="search-panel" aria-label="Search">
      <search>
        <form onSubmit={submit} className="search-form">
          <input
            ref={input}
            type="search"
            aria-label="Search this room"
            placeholder="Search this room"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => e.key === "Escape" && onClose()}
            maxLength={LIMITS.maxSearchChars}
          />
          <button type="submit" disabled={!q.trim()}>
            Search
          </button>
          <button type="button" className="icon" onClick={onClose} aria-label="Close search">
            <Icon name="x" size={16} />
          </button>
        </form>
      </search>
      {search && (
        <div className="search-results" aria-live="polite">
          {search.loading && <p className="muted small">Searching…</p>}
          {search.error && <p className="error small">{search.error}</p>}
          {!search.loading && !search.error && (
            <p className="muted small">
              {search.results.length === 0
                ? `Nothing found for “${search.q}”.`
                : `${search.results.length}${search.hasMore ? "+" : ""} found for “${search.q}”`}
            </p>
          )}
          <ul>
            {search.results.map((m) => (
              <li key={m.seq}>
                <button type="button" className="result" onClick={() => onPick(m.seq)}>
                  <span className="result-meta">
                    <strong>{m.author.name}</strong>{" "}
                    <span className="muted">{relativeTime(m.createdAt, now)}</span>
                  </span>
                  <span className="result-text">{m.text.slice(0, 160)}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
