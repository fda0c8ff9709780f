import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { Message } from "../../../protocol";
import { chunkRows, layoutRows } from "../lib/group";
import type { Outgoing } from "../lib/realtime/state";
import { dayLabel } from "../lib/time";
import { Icon } from "./Icon";
import { type ItemContext, type MessageActions, MessageItem } from "./MessageItem";
import { MessageText } from "./MessageText";

type Props = {
  messages: Message[];
  outbox: Outgoing[];
  hasMore: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  dividerSeq: number | null;
  highlightSeq: number | null;
  ctx: ItemContext;
  actions: MessageActions;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  onAtBottom: (atBottom: boolean) => void;
  empty: boolean;
};

const NEAR_BOTTOM_PX = 80;
const NEAR_TOP_PX = 400;

/**
 * The scrolling history: loads older pages near the top and keeps the reader's place while they
 * arrive, follows new posts while the reader is at the bottom, and offers "jump to latest" otherwise.
 */
export function MessageList(props: Props) {
  const { messages, outbox, hasMore, loadingOlder, onLoadOlder, dividerSeq, onAtBottom } = props;
  const listRef = useRef<HTMLElement>(null);
  const chunks = useMemo(() => chunkRows(layoutRows(messages, dividerSeq)), [messages, dividerSeq]);
  const [atBottom, setAtBottom] = useState(true);
  const [unseen, setUnseen] = useState(0);
  const last = useRef({ firstSeq: -1, lastSeq: -1, height: 0, top: 0, bottom: true, count: 0 });
  const positioned = useRef(false);

  const measure = useCallback(() => {
    const el = listRef.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    last.current = { ...last.current, height: el.scrollHeight, top: el.scrollTop, bottom };
    setAtBottom(bottom);
    if (bottom) setUnseen(0);
    return el;
  }, []);

  useEffect(() => onAtBottom(atBottom), [atBottom, onAtBottom]);

  const firstSeq = messages[0]?.seq ?? -1;
  const lastSeq = messages.at(-1)?.seq ?? -1;
  const count = messages.length + outbox.length;

  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const prev = last.current;
    if (!positioned.current && messages.length > 0) {
      // First render with content: start at the "new" divider if there is one, else the end.
      positioned.current = true;
      const divider = el.querySelector<HTMLElement>(".divider");
      if (divider) el.scrollTop = Math.max(0, divider.offsetTop - el.clientHeight / 3);
      else el.scrollTop = el.scrollHeight;
    } else if (prev.firstSeq !== -1 && firstSeq < prev.firstSeq && lastSeq === prev.lastSeq) {
      // Older page prepended: keep the same content under the reader's eyes.
      el.scrollTop = prev.top + (el.scrollHeight - prev.height);
    } else if (count !== prev.count) {
      if (prev.bottom) el.scrollTop = el.scrollHeight;
      else if (lastSeq > prev.lastSeq && prev.lastSeq !== -1) {
        setUnseen((n) => n + Math.max(0, lastSeq - prev.lastSeq));
      }
    }
    last.current = { ...last.current, firstSeq, lastSeq, count };
    measure();
  }, [firstSeq, lastSeq, count, messages.length, measure]);

  // Older pages load while the top of the history is within reach: watched, not polled on
  // scroll, so a short first page or a prepend that leaves the top in view keeps loading.
  const sentinelRef = useRef<HTMLDivElement>(null);
  const sentinelVisible = useRef(false);
  const want = useRef({ hasMore, loadingOlder, onLoadOlder });
  want.current = { hasMore, loadingOlder, onLoadOlder };
  useEffect(() => {
    const root = listRef.current;
    const sentinel = sentinelRef.current;
    if (!root || !sentinel) return;
    const io = new IntersectionObserver(
      ([entry]) => {
        sentinelVisible.current = !!entry?.isIntersecting;
        const w = want.current;
        if (sentinelVisible.current && w.hasMore && !w.loadingOlder) w.onLoadOlder();
      },
      { root, rootMargin: `${NEAR_TOP_PX}px 0px 0px 0px` },
    );
    io.observe(sentinel);
    return () => io.disconnect();
  }, []);
  useEffect(() => {
    if (sentinelVisible.current && hasMore && !loadingOlder && positioned.current) onLoadOlder();
  }, [hasMore, loadingOlder, onLoadOlder]);

  // Bring a jumped-to post into view once it is loaded (older pages may arrive first).
  const shown = useRef<number | null>(null);
  const highlightSeq = props.highlightSeq;
  useEffect(() => {
    if (highlightSeq === null) {
      shown.current = null;
      return;
    }
    if (shown.current === highlightSeq || firstSeq < 0 || highlightSeq < firstSeq) return;
    const target = listRef.current?.querySelector<HTMLElement>(`[data-seq="${highlightSeq}"]`);
    if (target) {
      shown.current = highlightSeq;
      target.scrollIntoView({ block: "center" });
      last.current = { ...last.current, bottom: false };
    }
  }, [highlightSeq, firstSeq]);

  function onScroll() {
    measure();
  }

  function jumpToLatest() {
    const el = listRef.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    setUnseen(0);
    measure();
  }

  return (
    <div className="list-wrap">
      <section
        className="messages"
        ref={listRef}
        onScroll={onScroll}
        aria-label="Conversation"
        role="log"
        aria-live="polite"
        aria-relevant="additions"
        aria-busy={loadingOlder}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
      >
        <div className="history-top" ref={sentinelRef}>
          {hasMore ? (
            <button
              type="button"
              className="ghost small"
              onClick={onLoadOlder}
              disabled={loadingOlder}
            >
              {loadingOlder ? "Loading older posts…" : "Load older posts"}
            </button>
          ) : (
            messages.length > 0 && <p className="muted small">This is the start of the room.</p>
          )}
        </div>
        {/* Block layout for the posts: a flex container re-lays out every child on a prepend. */}
        <div className="rows">
          {chunks.map((chunk, i) => (
            // Older chunks skip layout and paint while off screen, so a room with thousands of
            // posts loaded costs little more per new page than a room with fifty. The newest two
            // always render: that is where posts arrive, and they must be there at once.
            <div key={chunk.key} className={i >= chunks.length - 2 ? "chunk live" : "chunk"}>
              {chunk.rows.map((row) => {
                if (row.kind === "day") {
                  return (
                    <div key={row.key} className="day">
                      <span>{dayLabel(row.at)}</span>
                    </div>
                  );
                }
                if (row.kind === "divider") {
                  return (
                    <div key={row.key} className="divider">
                      <span>New</span>
                    </div>
                  );
                }
                return (
                  <MessageItem
                    key={row.key}
                    message={row.message}
                    first={row.first}
                    highlighted={row.message.seq === props.highlightSeq}
                    ctx={props.ctx}
                    actions={props.actions}
                  />
                );
              })}
            </div>
          ))}
          {outbox.map((o) => (
            <article
              key={o.clientId}
              className={`msg first outgoing ${o.status}`}
              data-status={o.status}
            >
              <div className="gutter" />
              <div className="body">
                <MessageText text={o.text} myNames={[]} />
                {o.status === "failed" ? (
                  <p className="send-state error">
                    {o.error ?? "Not sent"}.{" "}
                    <button
                      type="button"
                      className="link"
                      onClick={() => props.onRetry(o.clientId)}
                    >
                      Retry
                    </button>{" "}
                    ·{" "}
                    <button
                      type="button"
                      className="link"
                      onClick={() => props.onDiscard(o.clientId)}
                    >
                      Discard
                    </button>
                  </p>
                ) : (
                  <p className="send-state muted small">Sending…</p>
                )}
              </div>
            </article>
          ))}
        </div>
        {props.empty && <p className="empty muted">No posts yet. Say hello!</p>}
      </section>
      {!atBottom && (
        <button type="button" className="jump primary" onClick={jumpToLatest}>
          {unseen > 0 ? `${unseen} new · Jump to latest` : "Jump to latest"}
          <Icon name="down" size={14} />
        </button>
      )}
    </div>
  );
}
