import type { Reaction } from "../../../protocol";

export const QUICK_EMOJI = ["👍", "❤️", "😂", "🎉", "😮", "😢", "🙏", "👀"];

function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  if (names.length <= 3) return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `${names.slice(0, 3).join(", ")} and ${names.length - 3} more`;
}

/** Reaction chips: count, who reacted (tooltip and accessible name), toggle on click. */
export function ReactionBar({
  reactions,
  myId,
  nameOf,
  onToggle,
  disabled,
}: {
  reactions: Reaction[];
  myId: string | undefined;
  nameOf: (userId: string) => string;
  onToggle: (emoji: string) => void;
  disabled: boolean;
}) {
  if (reactions.length === 0) return null;
  return (
    <ul className="reactions">
      {reactions.map((r) => {
        const mine = myId !== undefined && r.users.includes(myId);
        const who = listNames(r.users.map((u) => (u === myId ? "you" : nameOf(u))));
        return (
          <li key={r.emoji}>
            <button
              type="button"
              className={mine ? "reaction mine" : "reaction"}
              aria-pressed={mine}
              aria-label={`${r.emoji} ${r.users.length}, reacted by ${who}`}
              title={`Reacted by ${who}`}
              onClick={() => onToggle(r.emoji)}
              disabled={disabled}
            >
              <span aria-hidden="true">{r.emoji}</span>
              <span aria-hidden="true" className="count">
                {r.users.length}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
