import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { Message } from "../../../protocol";
import { LIMITS } from "../../../protocol/limits";

export type ComposerMode =
  | { kind: "new" }
  | { kind: "reply"; to: Message }
  | { kind: "edit"; message: Message };

type Props = {
  roomName: string;
  mode: ComposerMode;
  setMode: (mode: ComposerMode) => void;
  onSend: (text: string, replyTo: number | null) => void;
  onEdit: (seq: number, text: string) => void;
  onTyping: () => void;
  /** The user's newest editable post, for the Up key. */
  lastOwn: () => Message | undefined;
  disabled?: boolean;
};

/** Enter sends, Shift+Enter breaks the line, Up edits your last post, Esc cancels. */
export function Composer({
  roomName,
  mode,
  setMode,
  onSend,
  onEdit,
  onTyping,
  lastOwn,
  disabled,
}: Props) {
  const [text, setText] = useState("");
  const box = useRef<HTMLTextAreaElement>(null);
  const draftBeforeEdit = useRef("");

  // A new mode comes only from a user action: editing loads the post, both take the focus.
  useEffect(() => {
    if (mode.kind === "edit") setText(mode.message.text);
    if (mode.kind !== "new") box.current?.focus();
  }, [mode]);

  // Grow with the text up to a limit, then scroll.
  const lines = text.split("\n").length;
  useEffect(() => {
    const el = box.current;
    if (!el || lines < 0) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 200)}px`;
  }, [lines]);

  function cancel() {
    if (mode.kind === "edit") setText(draftBeforeEdit.current);
    setMode({ kind: "new" });
  }

  function submit(e?: FormEvent) {
    e?.preventDefault();
    const value = text.trim();
    if (!value || value.length > LIMITS.maxMessageChars) return;
    if (mode.kind === "edit") {
      if (value !== mode.message.text) onEdit(mode.message.seq, value);
      setText(draftBeforeEdit.current);
    } else {
      onSend(value, mode.kind === "reply" ? mode.to.seq : null);
      setText("");
    }
    setMode({ kind: "new" });
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.nativeEvent.isComposing) return;
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      submit();
    } else if (e.key === "Escape" && mode.kind !== "new") {
      e.preventDefault();
      cancel();
    } else if (e.key === "ArrowUp" && text === "" && mode.kind !== "edit") {
      const own = lastOwn();
      if (own) {
        e.preventDefault();
        draftBeforeEdit.current = "";
        setMode({ kind: "edit", message: own });
      }
    }
  }

  const over = text.length > LIMITS.maxMessageChars;
  return (
    <form className="composer" onSubmit={submit}>
      {mode.kind !== "new" && (
        <div className="composer-context">
          <span>
            {mode.kind === "reply" ? (
              <>
                Replying to <strong>{mode.to.author.name}</strong>
                <span className="muted"> — {mode.to.text.replace(/\s+/g, " ").slice(0, 80)}</span>
              </>
            ) : (
              <>Editing your post · Enter saves, Esc cancels</>
            )}
          </span>
          <button type="button" className="link" onClick={cancel}>
            Cancel
          </button>
        </div>
      )}
      <div className="composer-row">
        <textarea
          ref={box}
          aria-label="Message"
          placeholder={`Write to ${roomName}`}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim() && mode.kind !== "edit") onTyping();
          }}
          onKeyDown={onKeyDown}
          rows={1}
          disabled={disabled}
          aria-describedby="composer-hint"
        />
        <button type="submit" className="primary send" disabled={!text.trim() || over || disabled}>
          {mode.kind === "edit" ? "Save" : "Send"}
        </button>
      </div>
      <p id="composer-hint" className={over ? "hint error" : "hint"}>
        {over
          ? `${text.length - LIMITS.maxMessageChars} characters over the limit`
          : "Enter to send · Shift+Enter for a new line · ↑ to edit your last post"}
      </p>
    </form>
  );
}
