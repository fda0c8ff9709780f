import { BATCH_PARAM } from "../../../../protocol/limits";

/** The socket URL of a room: the page's query (a private room's invite) and where to resume. */
export function socketUrl(
  origin: string,
  roomId: string,
  params: Record<string, string>,
  lastSeq: number,
): string {
  const url = new URL(`/api/rooms/${encodeURIComponent(roomId)}/ws`, origin);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  if (lastSeq >= 0) url.searchParams.set("since", String(lastSeq));
  // A busy room then sends each tick's events in one `batch` frame.
  url.searchParams.set(BATCH_PARAM, "1");
  return url.href;
}

/**
 * Why a room refused our socket, asked over HTTP (an upgrade's refusal is invisible to the
 * page): a sentence for a room that is not there or does not admit us; null when it is worth
 * retrying (it exists, or we are offline).
 */
export async function checkRoom(
  origin: string,
  roomId: string,
  params: Record<string, string>,
): Promise<string | null> {
  const url = new URL(`/api/rooms/${encodeURIComponent(roomId)}`, origin);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  let res: Response;
  try {
    res = await fetch(url, { credentials: "same-origin" });
  } catch {
    return null; // offline: keep retrying
  }
  if (res.status === 404 || res.status === 400) return "There's no room at this address.";
  if (res.status === 403) {
    return "This room is private, or you were banned from it. Ask someone in it for an invite link.";
  }
  return null;
}
