import { Fragment, type ReactNode } from "react";
import { type Inline, parseMessage, safeHref } from "../lib/markdown";

/** Markdown-lite as React elements: user text is only ever text nodes, never HTML. */
export function MessageText({ text, myNames }: { text: string; myNames: string[] }) {
  return (
    <div className="text">
      {parseMessage(text, myNames).map((block) =>
        block.kind === "codeblock" ? (
          <pre key={block.at} className="codeblock">
            <code>{block.text}</code>
          </pre>
        ) : (
          <p key={block.at}>{renderInline(block.children)}</p>
        ),
      )}
    </div>
  );
}

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((n) => {
    const i = n.at;
    switch (n.kind) {
      case "text":
        return <Fragment key={i}>{n.text}</Fragment>;
      case "code":
        return <code key={i}>{n.text}</code>;
      case "bold":
        return <strong key={i}>{renderInline(n.children)}</strong>;
      case "italic":
        return <em key={i}>{renderInline(n.children)}</em>;
      case "mention": {
        return (
          <span key={i} className={n.me ? "mention me" : "mention"}>
            @{n.name}
          </span>
        );
      }
      case "link": {
        const href = safeHref(n.href);
        if (!href) return <Fragment key={i}>{n.text}</Fragment>;
        return (
          <a key={i} href={href} target="_blank" rel="noopener noreferrer nofollow ugc">
            {n.text}
          </a>
        );
      }
    }
    return null;
  });
}
