import type { ClientFrame } from "../../../../protocol";
import { LIMITS } from "../../../../protocol/limits";
import { HISTORY_ID_PREFIX, type RoomState, type SearchState, supports } from "./state";

/** At most this often a history page is requested (the socket's refill is 1000/sendPerSecond). */
export const HISTORY_GAP_MS = 300;
const SEARCH_LIMIT = 50;

type Deps = {
  state(): RoomState;
  update(patch: Partial<RoomState>): void;
  send(frame: ClientFrame): boolean;
};

/**
 * Requests that ask the room for something and wait for one answer: older history pages (paced,
 * because they spend the socket's send budget and rate-limit errors count toward the server's
 * close-on-abuse policy) and searches (only the latest one's answer counts).
 */
export class Queries {
  private lastHistoryAt = 0;
  private historyLimit: number = LIMITS.historyPageDefault;
  private historyTimer: ReturnType<typeof setTimeout> | undefined;
  private searchSeq = 0;

  constructor(private readonly deps: Deps) {}

  loadOlder(limit: number = LIMITS.historyPageDefault): void {
    const { messages, hasMore, loadingOlder } = this.deps.state();
    if (!messages[0] || !hasMore || loadingOlder) return;
    const wait = this.lastHistoryAt + HISTORY_GAP_MS - Date.now();
    this.deps.update({ loadingOlder: true });
    this.historyLimit = limit;
    this.requestOlderIn(Math.max(0, wait));
  }

  /** The last page request was rate limited: it goes again after `after` ms. */
  retryHistory(after: number): void {
    this.requestOlderIn(after);
  }

  search(q: string): void {
    const query = q.trim().slice(0, LIMITS.maxSearchChars);
    if (!query) {
      this.deps.update({ search: null });
      return;
    }
    const id = `search-${++this.searchSeq}`;
    const search: SearchState = {
      id,
      q: query,
      loading: true,
      results: [],
      hasMore: false,
      error: null,
    };
    if (!supports(this.deps.state().features, "search")) {
      search.loading = false;
      search.error = "Search isn't available on this server yet.";
    } else if (!this.deps.send({ type: "search", id, q: query, limit: SEARCH_LIMIT })) {
      search.loading = false;
      search.error = "You're offline. Search again when the connection is back.";
    }
    this.deps.update({ search });
  }

  stop(): void {
    clearTimeout(this.historyTimer);
  }

  private requestOlderIn(ms: number) {
    clearTimeout(this.historyTimer);
    this.historyTimer = setTimeout(() => this.requestOlder(), ms);
  }

  private requestOlder() {
    const first = this.deps.state().messages[0];
    if (!first) {
      this.deps.update({ loadingOlder: false });
      return;
    }
    this.lastHistoryAt = Date.now();
    const limit = this.historyLimit;
    const id = `${HISTORY_ID_PREFIX}${first.seq}`;
    if (!this.deps.send({ type: "history", before: first.seq, id, limit })) {
      this.deps.update({ loadingOlder: false });
    }
  }
}
