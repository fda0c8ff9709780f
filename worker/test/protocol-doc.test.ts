import { expect, it } from "vitest";
import doc from "../../docs/PROTOCOL.md?raw";
import {
  BansBody,
  CLIENT_FRAME_TYPES,
  ClientFrame,
  ErrorCode,
  SERVER_FRAME_TYPES,
  ServerFrame,
} from "../../protocol";

/** The `### \`type\`` headings of one `## ` section of the document. */
function documentedTypes(section: string): string[] {
  const start = doc.indexOf(`\n## ${section}\n`);
  expect(start, `section "${section}"`).toBeGreaterThan(-1);
  const end = doc.indexOf("\n## ", start + 1);
  const body = doc.slice(start, end === -1 ? undefined : end);
  return [...body.matchAll(/^### `([a-z_]+)`$/gm)].map((m) => m[1] as string);
}

it("documents exactly the client frame types the schema accepts", () => {
  const documented = documentedTypes("Client → server frames");
  expect([...documented].sort()).toEqual([...CLIENT_FRAME_TYPES].sort());
  expect(new Set(documented).size).toBe(documented.length);
});

it("documents exactly the server frame types the schema defines", () => {
  const documented = documentedTypes("Server → client frames");
  expect([...documented].sort()).toEqual([...new Set(SERVER_FRAME_TYPES)].sort());
  expect(new Set(documented).size).toBe(documented.length);
});

it("documents every error code", () => {
  const rows = [...doc.matchAll(/^\| `([a-z_]+)` +\| \d{3} +\|/gm)].map((m) => m[1]);
  expect(rows.sort()).toEqual([...ErrorCode.options].sort());
});

it("gives every frame an example, and every example is a valid frame", () => {
  const examples = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map(
    (m) => JSON.parse(m[1] as string) as { type: string },
  );
  for (const example of examples) {
    const valid = ClientFrame.safeParse(example).success || ServerFrame.safeParse(example).success;
    expect(valid, JSON.stringify(example)).toBe(true);
  }
  const types = new Set(examples.map((e) => e.type));
  for (const type of [...CLIENT_FRAME_TYPES, ...SERVER_FRAME_TYPES]) expect(types).toContain(type);
});

it("documents the owner's ban list, with an example that is a valid answer", () => {
  for (const row of ["GET /api/rooms/:roomId/bans", "DELETE /api/rooms/:roomId/bans/:userId"]) {
    // Once in the owner's table, once in the HTTP API table.
    expect(doc.split(`| \`${row}\``).length - 1, row).toBe(2);
  }
  const example = /^GET \/api\/rooms\/[A-Za-z0-9_-]+\/bans\n→ 200 (.+)$/m.exec(doc);
  expect(example, "example of GET /api/rooms/:roomId/bans").not.toBeNull();
  const parsed = BansBody.safeParse(JSON.parse(example?.[1] ?? "null"));
  expect(parsed.success, JSON.stringify(parsed.error)).toBe(true);
});
