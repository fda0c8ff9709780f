import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { Member, Message } from "../../../protocol";
import { CLOSE_SIGNED_OUT } from "../../../protocol/close-codes";
import { Composer, type ComposerMode } from "../components/Composer";
import { ConnectionStatus, ReconnectBanner } from "../components/ConnectionStatus";
import { Icon } from "../components/Icon";
import { IdentityGate } from "../components/IdentityGate";
import { MembersPanel } from "../components/MembersPanel";
import type { ItemContext, MessageActions } from "../components/MessageItem";
import { MessageList } from "../components/MessageList";
import { RoomHeader } from "../components/RoomHeader";
import { RoomSettings } from "../components/RoomSettings";
import { SearchPanel } from "../components/SearchPanel";
import { TypingIndicator } from "../components/TypingIndicator";
import { ApiError, api } from "../lib/api";
import { useConfirm } from "../lib/confirm";
import { useNow, usePageVisible, useTitle } from "../lib/hooks";
import { mentions } from "../lib/markdown";
import { notify } from "../lib/notify";
import { lastSeenSeq, rememberRoom, setLastSeenSeq } from "../lib/prefs";
import { profileLink } from "../lib/profile-link";
import { useSession } from "../lib/session";
import { useRoom } from "../lib/useRoom";

export function Room() {
  const { roomId = "" } = useParams();
  const { me } = useSession();
  if (me === undefined) return <p className="muted center">Loading…</p>;
  if (me === null) {
    return (
      <IdentityGate
        title="Join this room"
        intro="Pick a display name and you're in. No sign-up needed."
      />
    );
  }
  return <RoomView key={roomId} roomId={roomId} />;
}

function RoomView({ roomId }: { roomId: string }) {
  const { me } = useSession();
  const { client, state } = useRoom(roomId);
  const navigate = useNavigate();
  const confirm = useConfirm();
  const now = useNow();
  const visible = usePageVisible();
  const [mode, setMode] = useState<ComposerMode>({ kind: "new" });
  const [dividerSeq, setDividerSeq] = useState<number | null>(null);
  const [highlightSeq, setHighlightSeq] = useState<number | null>(null);
  const [membersOpen, setMembersOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  /** Bumped by a ban from the members list, so an open settings panel lists it. */
  const [bansVersion, setBansVersion] = useState(0);
  /** The owner's share link when the server offers owner tools; null until known or if not. */
  const [ownerLink, setOwnerLink] = useState<string | null>(null);
  const [hiddenUnread, setHiddenUnread] = useState(0);
  const [atBottom, setAtBottom] = useState(true);
  const dividerSet = useRef(false);
  const myId = state.me?.id ?? me?.id;
  const myNames = useMemo(
    () => [me?.name, me?.username].filter((n): n is string => !!n),
    [me?.name, me?.username],
  );

  // The "new" divider goes above the first post from someone else since this browser last looked.
  useEffect(() => {
    if (dividerSet.current || state.room === null) return;
    dividerSet.current = true;
    const seen = lastSeenSeq(roomId);
    if (seen === null) return;
    const first = state.messages.find((m) => m.seq > seen && m.author.id !== myId);
    if (first) setDividerSeq(first.seq);
  }, [state.room, state.messages, roomId, myId]);

  const roomTitle = state.room?.name;
  useEffect(() => {
    if (roomTitle) rememberRoom(roomId, roomTitle, location.pathname + location.search);
  }, [roomId, roomTitle]);

  // Live arrivals (the conversation is a polite live log that announces them): count while
  // hidden, notify on mentions.
  useEffect(
    () =>
      client.onMessage((m) => {
        if (m.author.id === client.getState().me?.id) return;
        if (document.visibilityState === "hidden") {
          setHiddenUnread((n) => n + 1);
          setDividerSeq((d) => d ?? m.seq);
          if (mentions(m.text, myNames)) {
            notify(`${m.author.name} mentioned you`, m.text, () => setHighlightSeq(m.seq));
          }
        }
      }),
    [client, myNames],
  );

  // Visibility drives presence (idle) and what counts as read.
  useEffect(() => {
    client.setStatus(visible ? "online" : "idle");
    if (visible) setHiddenUnread(0);
  }, [client, visible]);
  useEffect(() => {
    if (!visible || !atBottom || state.lastSeq < 0) return;
    client.markRead(state.lastSeq);
    setLastSeenSeq(roomId, state.lastSeq);
  }, [client, visible, atBottom, state.lastSeq, roomId]);

  const roomName = state.room?.name ?? "Room";
  useTitle(`${hiddenUnread > 0 ? `(${hiddenUnread}) ` : ""}${roomName} · Parley`);

  // Jumping to a post that is not loaded yet: page back until it is (or history ends).
  useEffect(() => {
    if (highlightSeq === null) return;
    const first = state.messages[0];
    if (first && highlightSeq < first.seq && state.hasMore && !state.loadingOlder) {
      client.loadOlder(100);
    }
  }, [client, highlightSeq, state.messages, state.hasMore, state.loadingOlder]);
  // The highlight fades a moment after the post is on screen (not while older pages load).
  const firstLoaded = state.messages[0]?.seq ?? Number.POSITIVE_INFINITY;
  const targetLoaded = highlightSeq !== null && (highlightSeq >= firstLoaded || !state.hasMore);
  useEffect(() => {
    if (!targetLoaded) return;
    const t = setTimeout(() => setHighlightSeq(null), 2500);
    return () => clearTimeout(t);
  }, [targetLoaded]);

  // Lookups read the latest state through a ref, so the context (and with it every memoised
  // post) stays the same object while posts arrive: a long room re-renders only what changed.
  const latest = useRef(state);
  latest.current = state;
  const nameOf = useCallback((id: string) => {
    const s = latest.current;
    const member = s.members.find((m) => m.id === id);
    if (member) return member.name;
    return s.messages.findLast((m) => m.author.id === id)?.author.name ?? "someone";
  }, []);
  const profileOf = useCallback((author: Message["author"]) => {
    if (author.guest || author.username) return profileLink(author);
    // A post stored before authors carried usernames: the members list may know it.
    const member = latest.current.members.find((m) => m.id === author.id);
    return member
      ? profileLink({ ...author, username: member.username, guest: member.guest })
      : null;
  }, []);
  const quoted = useCallback((seq: number) => {
    const list = latest.current.messages;
    // Binary search: messages are ordered by seq.
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = list[mid];
      if (!m) break;
      if (m.seq === seq) return m;
      if (m.seq < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }, []);
  const isOwner = !!myId && state.room?.ownerId === myId;

  // Owner tools exist only where the server has them: ask for the share link once.
  useEffect(() => {
    if (!isOwner) return;
    let live = true;
    api.invite(roomId).then(
      (b) => live && setOwnerLink(b.link),
      () => live && setOwnerLink(null),
    );
    return () => {
      live = false;
    };
  }, [isOwner, roomId]);

  const moderate = useCallback(
    async (member: Member, action: "kick" | "ban") => {
      const agreed = await confirm(
        action === "kick"
          ? {
              title: `Remove ${member.name} from the room?`,
              body: "They are disconnected now. They can come back through the room's link.",
              confirm: "Remove",
              danger: true,
            }
          : {
              title: `Ban ${member.name}?`,
              body: "They are disconnected and can't come back until you lift the ban in the room's settings.",
              confirm: "Ban",
              danger: true,
            },
      );
      if (!agreed) return;
      try {
        await (action === "kick" ? api.kick(roomId, member.id) : api.ban(roomId, member.id));
        if (action === "ban") setBansVersion((v) => v + 1);
      } catch (err) {
        client.showError(err instanceof ApiError ? err.message : "That didn't work. Try again.");
      }
    },
    [client, confirm, roomId],
  );

  const ctx: ItemContext = useMemo(
    () => ({
      myId,
      myNames,
      canModerate: isOwner,
      canEdit: !state.unsupported.includes("edit"),
      canDelete: !state.unsupported.includes("delete"),
      canReact: !state.unsupported.includes("react"),
      nameOf,
      profileOf,
      quoted,
    }),
    [myId, myNames, isOwner, state.unsupported, nameOf, profileOf, quoted],
  );

  const actions: MessageActions = useMemo(
    () => ({
      reply: (m) => setMode({ kind: "reply", to: m }),
      edit: (m) => setMode({ kind: "edit", message: m }),
      remove: async (m) => {
        const agreed = await confirm({
          title: "Delete this post?",
          body: "It is removed for everyone in the room. This can't be undone.",
          confirm: "Delete",
          danger: true,
        });
        if (agreed) client.remove(m.seq);
      },
      react: (m, emoji) => client.react(m.seq, emoji),
      jumpTo: (seq) => setHighlightSeq(seq),
    }),
    [client, confirm],
  );

  const lastOwn = useCallback((): Message | undefined => {
    if (!ctx.canEdit) return undefined;
    return state.messages.findLast((m) => m.author.id === myId && !m.deleted);
  }, [state.messages, myId, ctx.canEdit]);

  const loadOlder = useCallback(() => client.loadOlder(), [client]);

  const leave = useCallback(async () => {
    const privateRoom = state.room?.visibility === "private";
    const agreed = await confirm({
      title: "Leave this room?",
      body: privateRoom
        ? "It drops off your rooms, and you will need an invite link to come back."
        : "It drops off your rooms. You can come back through its link or the directory.",
      confirm: "Leave",
      danger: true,
    });
    if (!agreed) return;
    try {
      await api.leave(roomId);
      navigate("/");
    } catch (err) {
      client.showError(err instanceof ApiError ? err.message : "Couldn't leave. Try again.");
    }
  }, [client, confirm, navigate, roomId, state.room?.visibility]);

  if (state.connection.status === "closed") {
    if (state.connection.code === CLOSE_SIGNED_OUT) return <SignedOut />;
    return (
      <div className="card stack center">
        <h1>Can't open this room</h1>
        <p className="muted">{state.connection.reason}</p>
        <Link to="/" className="button primary">
          Back to the lobby
        </Link>
      </div>
    );
  }

  const loaded = state.room !== null;
  // No aria-label naming the room on containers: room names are user text, and labels made of
  // user text would collide with the controls' own labels.
  return (
    <div className={`room-layout${membersOpen ? " drawer-open" : ""}`}>
      <div className="room" aria-busy={!loaded}>
        <RoomHeader
          room={state.room}
          roomId={roomId}
          online={state.members.length}
          isOwner={isOwner}
          canSetTopic={!state.unsupported.includes("topic")}
          onSetTopic={(topic) => client.setTopic(topic)}
          onToggleSearch={() => setSearchOpen((s) => !s)}
          searchOpen={searchOpen}
          onToggleMembers={() => setMembersOpen((s) => !s)}
          membersOpen={membersOpen}
          onToggleSettings={ownerLink !== null ? () => setSettingsOpen((s) => !s) : undefined}
          settingsOpen={settingsOpen}
          shareLink={ownerLink}
          onLeave={leave}
          presenceKnown={state.connection.status === "open"}
          status={<ConnectionStatus connection={state.connection} />}
        />
        <ReconnectBanner
          connection={state.connection}
          pending={state.outbox.filter((o) => o.status === "pending").length}
          onRetry={() => client.retryNow()}
        />
        {settingsOpen && state.room && ownerLink !== null && (
          <RoomSettings
            room={state.room}
            link={ownerLink}
            onLink={setOwnerLink}
            bansVersion={bansVersion}
            onClose={() => setSettingsOpen(false)}
          />
        )}
        {searchOpen && (
          <SearchPanel
            search={state.search}
            onSearch={(q) => client.search(q)}
            onClose={() => {
              setSearchOpen(false);
              client.clearSearch();
            }}
            onPick={(seq) => setHighlightSeq(seq)}
            now={now}
          />
        )}
        {state.error && (
          <div className="toast" role="alert">
            <span>{state.error}</span>
            <button
              type="button"
              className="icon"
              onClick={() => client.dismissError()}
              aria-label="Dismiss"
            >
              <Icon name="x" size={16} />
            </button>
          </div>
        )}
        {loaded ? (
          <MessageList
            messages={state.messages}
            outbox={state.outbox}
            hasMore={state.hasMore}
            loadingOlder={state.loadingOlder}
            onLoadOlder={loadOlder}
            dividerSeq={dividerSeq}
            highlightSeq={highlightSeq}
            ctx={ctx}
            actions={actions}
            onRetry={(id) => client.retry(id)}
            onDiscard={(id) => client.discard(id)}
            onAtBottom={setAtBottom}
            empty={state.messages.length === 0 && state.outbox.length === 0}
          />
        ) : (
          <div className="list-wrap">
            <div className="messages skeleton" aria-hidden="true">
              <span />
              <span />
              <span />
            </div>
          </div>
        )}
        <TypingIndicator typists={state.typing} />
        <Composer
          roomName={roomName}
          mode={mode}
          setMode={setMode}
          onSend={(text, replyTo) => client.send(text, replyTo)}
          onEdit={(seq, text) => client.edit(seq, text)}
          onTyping={() => client.typing()}
          lastOwn={lastOwn}
        />
      </div>
      <MembersPanel
        members={state.members}
        myId={myId}
        ownerId={state.room?.ownerId}
        open={membersOpen}
        onClose={() => setMembersOpen(false)}
        now={now}
        stale={state.connection.status !== "open"}
        onModerate={isOwner && ownerLink !== null ? moderate : undefined}
      />
      {membersOpen && (
        <button
          type="button"
          className="scrim"
          aria-label="Close members"
          tabIndex={-1}
          onClick={() => setMembersOpen(false)}
        />
      )}
    </div>
  );
}

/** The session behind this socket ended (here or on another device): ask who is here now. */
function SignedOut() {
  const { refresh } = useSession();
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return <p className="muted center">You signed out.</p>;
}
