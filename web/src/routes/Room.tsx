import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useParams } from "react-router";
import type { Message } from "../../../protocol";
import { mentions } from "../../../protocol/mentions";
import { Composer, type ComposerMode } from "../components/Composer";
import { ConnectionStatus, ReconnectBanner } from "../components/ConnectionStatus";
import { Icon } from "../components/Icon";
import { IdentityGate } from "../components/IdentityGate";
import { MembersPanel } from "../components/MembersPanel";
import type { ItemContext, MessageActions } from "../components/MessageItem";
import { HistorySkeleton, MessageList } from "../components/MessageList";
import { RoomClosed } from "../components/RoomClosed";
import { RoomHeader } from "../components/RoomHeader";
import { RoomSettings } from "../components/RoomSettings";
import { SearchPanel } from "../components/SearchPanel";
import { TypingIndicator } from "../components/TypingIndicator";
import { useConfirm } from "../lib/confirm";
import { useNow, usePageVisible, useTitle } from "../lib/hooks";
import { mark } from "../lib/marks";
import { notify } from "../lib/notify";
import { lastSeenSeq, rememberRoom, setLastSeenSeq } from "../lib/prefs";
import { caughtUp, supports } from "../lib/realtime/state";
import { useSession } from "../lib/session";
import { useRoom } from "../lib/useRoom";
import { useOwnerLink, useRoomActions } from "../lib/useRoomActions";
import { useRoomLookups } from "../lib/useRoomLookups";

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
  return <RoomView key={`${me.id}/${roomId}`} roomId={roomId} userId={me.id} />;
}

function RoomView({ roomId, userId }: { roomId: string; userId: string }) {
  const { me } = useSession();
  const { client, state } = useRoom(roomId, userId);
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
  const [hiddenUnread, setHiddenUnread] = useState(0);
  const [atBottom, setAtBottom] = useState(true);
  const dividerSet = useRef(false);
  /** How far this browser had read when the page opened (read before anything marks more). */
  const [seenAtOpen] = useState(() => lastSeenSeq(roomId));
  const myId = state.me?.id ?? me?.id;
  const myNames = useMemo(
    () => [me?.name, me?.username].filter((n): n is string => !!n),
    [me?.name, me?.username],
  );

  // When the history first showed (from the cache or the server) and the room first answered.
  const shown = state.room !== null;
  const open = state.connection.status === "open";
  useEffect(() => {
    if (shown) mark("room-shown");
  }, [shown]);
  useEffect(() => {
    if (open) mark("room-open");
  }, [open]);

  // The "new" divider goes above the first post from someone else since this browser last
  // looked, placed once the room has caught up (a cached copy may not hold the new posts yet).
  const synced = caughtUp(state);
  useEffect(() => {
    if (dividerSet.current || !synced) return;
    dividerSet.current = true;
    if (seenAtOpen === null) return;
    const first = state.messages.find((m) => m.seq > seenAtOpen && m.author.id !== myId);
    if (first) setDividerSeq(first.seq);
  }, [synced, state.messages, seenAtOpen, myId]);

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

  const { nameOf, profileOf, quoted } = useRoomLookups(state);
  const features = state.features;
  // Without a connection the room is read-only (a saved copy, or a moment of reconnecting):
  // posts still go to the outbox, but edits, deletes and reactions need the room.
  const live = state.connection.status === "open";
  const isOwner = !!myId && state.room?.ownerId === myId;

  const [ownerLink, setOwnerLink] = useOwnerLink(roomId, isOwner);

  const ctx: ItemContext = useMemo(
    () => ({
      myId,
      myNames,
      canModerate: isOwner,
      canEdit: live && supports(features, "edit"),
      canDelete: live && supports(features, "delete"),
      canReact: live && supports(features, "react"),
      nameOf,
      profileOf,
      quoted,
    }),
    [myId, myNames, isOwner, live, features, nameOf, profileOf, quoted],
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

  const { moderate, leave } = useRoomActions(client, roomId, state.room?.visibility, () =>
    setBansVersion((v) => v + 1),
  );

  if (state.connection.status === "closed") return <RoomClosed connection={state.connection} />;

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
          canSetTopic={live && supports(features, "topic")}
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
          offline={!client.confirmed || !navigator.onLine}
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
          <HistorySkeleton />
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
