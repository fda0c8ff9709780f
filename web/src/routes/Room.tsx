import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import type { Message } from "../../../protocol";
import { Avatar } from "../components/Avatar";
import { GuestForm } from "../components/GuestForm";
import type { Outgoing, RoomState } from "../lib/realtime";
import { useSession } from "../lib/session";
import { useRoom } from "../lib/useRoom";

export function Room() {
  const { roomId = "" } = useParams();
  const { me } = useSession();
  if (me === undefined) return <p className="muted center">Loading…</p>;
  if (me === null) return <GuestForm title="Join this room" />;
  return <RoomView key={roomId} roomId={roomId} />;
}

function RoomView({ roomId }: { roomId: string }) {
  const { client, state } = useRoom(roomId);
  const [text, setText] = useState("");
  const listRef = useRef<HTMLDivElement>(null);
  const count = state.messages.length + state.outbox.length;

  useEffect(() => {
    if (count === 0) return;
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [count]);

  if (state.connection.status === "closed") {
    return (
      <div className="card stack center">
        <h1>Can't open this room</h1>
        <p className="muted">{state.connection.reason}</p>
        <Link to="/">Back to the lobby</Link>
      </div>
    );
  }

  function submit(e?: FormEvent) {
    e?.preventDefault();
    const value = text.trim();
    if (!value) return;
    client.send(value);
    setText("");
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  }

  return (
    <section className="room" aria-labelledby="room-title">
      <header className="room-header">
        <h1 id="room-title">{state.room?.name ?? "…"}</h1>
        {state.room?.topic && <p className="muted">{state.room.topic}</p>}
        <ConnectionBadge state={state} onRetry={() => client.retryNow()} />
      </header>
      <div
        className="messages"
        ref={listRef}
        role="log"
        aria-live="polite"
        aria-label="Chat history"
      >
        {state.messages.map((m) => (
          <MessageRow key={m.seq} message={m} />
        ))}
        {state.outbox.map((o) => (
          <PendingRow key={o.clientId} out={o} onRetry={() => client.retry(o.clientId)} />
        ))}
        {count === 0 && state.connection.status === "open" && (
          <p className="muted center">No messages yet. Say hello!</p>
        )}
      </div>
      <form className="composer" onSubmit={submit}>
        <textarea
          aria-label="Message"
          placeholder={`Message ${state.room?.name ?? ""}`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          rows={1}
          maxLength={4000}
        />
        <button type="submit" className="primary" disabled={!text.trim()}>
          Send
        </button>
      </form>
    </section>
  );
}

function MessageRow({ message }: { message: Message }) {
  return (
    <article className="message" aria-label={`${message.author.name}: ${message.text}`}>
      <Avatar name={message.author.name} color={message.author.color} />
      <div>
        <div className="meta">
          <strong>{message.author.name}</strong>
          <time
            dateTime={new Date(message.createdAt).toISOString()}
            title={new Date(message.createdAt).toLocaleString()}
          >
            {new Date(message.createdAt).toLocaleTimeString([], {
              hour: "2-digit",
              minute: "2-digit",
            })}
          </time>
        </div>
        <p className="text">
          {message.deleted ? <em className="muted">message deleted</em> : message.text}
        </p>
      </div>
    </article>
  );
}

function PendingRow({ out, onRetry }: { out: Outgoing; onRetry: () => void }) {
  return (
    <article className={`message pending ${out.status}`}>
      <span className="avatar-spacer" />
      <div>
        <p className="text">{out.text}</p>
        {out.status === "failed" ? (
          <p className="error">
            {out.error ?? "Not sent"} ·{" "}
            <button type="button" className="link" onClick={onRetry}>
              Retry
            </button>
          </p>
        ) : (
          <p className="muted small">Sending…</p>
        )}
      </div>
    </article>
  );
}

function ConnectionBadge({ state, onRetry }: { state: RoomState; onRetry: () => void }) {
  const c = state.connection;
  if (c.status === "open") return <span className="status online">Connected</span>;
  if (c.status === "reconnecting") {
    return (
      <span className="status warn" role="status">
        Reconnecting…{" "}
        <button type="button" className="link" onClick={onRetry}>
          Retry now
        </button>
      </span>
    );
  }
  return <span className="status">Connecting…</span>;
}
