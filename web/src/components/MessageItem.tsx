import { memo, useState } from "react";
import { Link } from "react-router";
import type { Message } from "../../../protocol";
import { mentions } from "../../../protocol/mentions";
import { clock, exactTime } from "../lib/time";
import { Avatar } from "./Avatar";
import { Icon } from "./Icon";
import { MessageText } from "./MessageText";
import { QUICK_EMOJI, ReactionBar } from "./ReactionBar";
import { RelativeTime } from "./RelativeTime";

export type MessageActions = {
  reply: (m: Message) => void;
  edit: (m: Message) => void;
  /** Asks first (the app's confirmation dialog), then deletes. */
  remove: (m: Message) => void;
  react: (m: Message, emoji: string) => void;
  jumpTo: (seq: number) => void;
};

export type ItemContext = {
  myId: string | undefined;
  myNames: string[];
  canModerate: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canReact: boolean;
  nameOf: (userId: string) => string;
  /** Where an author's name links to (their profile), or null. */
  profileOf: (author: Message["author"]) => { to: string; state: object } | null;
  quoted: (seq: number) => Message | undefined;
};

type Props = {
  message: Message;
  first: boolean;
  highlighted: boolean;
  ctx: ItemContext;
  actions: MessageActions;
};

export const MessageItem = memo(function MessageItem({
  message: m,
  first,
  highlighted,
  ctx,
  actions,
}: Props) {
  const [picker, setPicker] = useState(false);
  const own = m.author.id === ctx.myId;
  const mentioned = !own && !m.deleted && mentions(m.text, ctx.myNames);
  const quote = m.replyTo !== null ? ctx.quoted(m.replyTo) : undefined;
  const when = new Date(m.createdAt);

  return (
    <article
      className={`msg${first ? " first" : ""}${mentioned ? " mentioned" : ""}${highlighted ? " flash" : ""}${picker ? " menu-open" : ""}`}
      data-seq={m.seq}
      data-status="sent"
      // Focusable by tap (not by Tab): on touch screens that is what reveals the post's actions.
      tabIndex={-1}
    >
      <div className="gutter">
        {first ? (
          <Avatar name={m.author.name} color={m.author.color} />
        ) : (
          <time className="hover-time" dateTime={when.toISOString()} title={exactTime(m.createdAt)}>
            {clock(m.createdAt)}
          </time>
        )}
      </div>
      <div className="body">
        {first && (
          <div className="meta">
            <AuthorName author={m.author} link={ctx.profileOf(m.author)} />
            <RelativeTime at={m.createdAt} />
          </div>
        )}
        {m.replyTo !== null && (
          <button
            type="button"
            className="quote"
            onClick={() => m.replyTo !== null && actions.jumpTo(m.replyTo)}
          >
            <span className="sr-only">In reply to </span>
            <span className="quote-author">{quote ? quote.author.name : "Earlier post"}</span>
            <span className="quote-text">{quote ? excerpt(quote) : "Show the original"}</span>
          </button>
        )}
        {m.deleted ? (
          <p className="text deleted">This post was deleted.</p>
        ) : (
          <MessageText text={m.text} myNames={ctx.myNames} />
        )}
        {m.editedAt !== null && !m.deleted && (
          <span className="edited" title={`Edited ${exactTime(m.editedAt)}`}>
            (edited)
          </span>
        )}
        {!m.deleted && (
          <ReactionBar
            reactions={m.reactions}
            myId={ctx.myId}
            nameOf={ctx.nameOf}
            onToggle={(emoji) => actions.react(m, emoji)}
            disabled={!ctx.canReact}
          />
        )}
      </div>
      {!m.deleted && (
        <div className={`actions${picker ? " open" : ""}`}>
          {ctx.canReact && (
            <button
              type="button"
              aria-expanded={picker}
              onClick={() => setPicker((p) => !p)}
              title="Add a reaction"
            >
              <Icon name="smile" size={16} />
              <span className="sr-only">React</span>
            </button>
          )}
          <button type="button" onClick={() => actions.reply(m)} title="Reply">
            <Icon name="reply" size={16} />
            <span className="sr-only">Reply</span>
          </button>
          {own && ctx.canEdit && (
            <button type="button" onClick={() => actions.edit(m)} title="Edit">
              <Icon name="edit" size={16} />
              <span className="sr-only">Edit</span>
            </button>
          )}
          {(own || ctx.canModerate) && ctx.canDelete && (
            <button type="button" onClick={() => actions.remove(m)} title="Delete">
              <Icon name="trash" size={16} />
              <span className="sr-only">Delete</span>
            </button>
          )}
          {picker && (
            <div className="picker">
              {QUICK_EMOJI.map((emoji) => (
                <button
                  key={emoji}
                  type="button"
                  aria-label={`React with ${emoji}`}
                  onKeyDown={(e) => e.key === "Escape" && setPicker(false)}
                  onClick={() => {
                    setPicker(false);
                    actions.react(m, emoji);
                  }}
                >
                  {emoji}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
    </article>
  );
});

function AuthorName({
  author,
  link,
}: {
  author: Message["author"];
  link: { to: string; state: object } | null;
}) {
  if (!link) return <span className="author">{author.name}</span>;
  return (
    <Link className="author" to={link.to} state={link.state}>
      {author.name}
    </Link>
  );
}

function excerpt(m: Message): string {
  if (m.deleted) return "deleted";
  // Plain words only: markers like ** and ` mean nothing in a one-line quote.
  const flat = m.text
    .replace(/```[a-z0-9+-]*\n?|```/g, " ")
    .replace(/\*\*|`|(?<![\w*])\*(?![\s*])|(?<![\s*])\*(?![\w*])/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > 90 ? `${flat.slice(0, 90)}…` : flat;
}
