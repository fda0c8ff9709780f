import type { Typist } from "../lib/realtime/state";

function typingText(typists: Typist[]): string {
  const names = typists.map((t) => t.name);
  if (names.length === 0) return "";
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return "Several people are typing…";
}

export function TypingIndicator({ typists }: { typists: Typist[] }) {
  const text = typingText(typists);
  return (
    <div className="typing" aria-hidden={text === ""}>
      {text && (
        <>
          <span className="dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {text}
        </>
      )}
    </div>
  );
}
