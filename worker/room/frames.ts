import { CLIENT_FRAME_TYPES, ClientFrame, type ErrorCode, LIMITS } from "../../protocol/index";

type ParsedFrame =
  | { ok: true; frame: ClientFrame }
  | { ok: false; code: ErrorCode; message: string; ref?: string };

const encoder = new TextEncoder();

/**
 * Turns one raw socket message into a client frame or the error to answer. Never throws; the
 * length is checked before JSON.parse so an oversize frame costs nothing to refuse.
 */
export function parseClientFrame(data: string | ArrayBuffer): ParsedFrame {
  if (typeof data !== "string") {
    return { ok: false, code: "binary_unsupported", message: "Frames are JSON text" };
  }
  // A UTF-16 length of n encodes to at most 3n UTF-8 bytes: only long strings need encoding.
  if (
    data.length > LIMITS.maxFrameBytes ||
    (data.length * 3 > LIMITS.maxFrameBytes && encoder.encode(data).length > LIMITS.maxFrameBytes)
  ) {
    return {
      ok: false,
      code: "too_large",
      message: `Frames are at most ${LIMITS.maxFrameBytes} bytes`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, code: "bad_request", message: "Frame is not valid JSON" };
  }
  const parsed = ClientFrame.safeParse(json);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const type = (json as { type?: unknown } | null)?.type;
  if (!(CLIENT_FRAME_TYPES as unknown[]).includes(type)) {
    return {
      ok: false,
      code: "unknown_type",
      message: `Unknown frame type ${JSON.stringify(type) ?? "(none)"}`,
    };
  }
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  const result: ParsedFrame = {
    ok: false,
    code: "bad_request",
    message: `${where}${issue?.message ?? "Invalid frame"}`,
  };
  const ref = refOf(json);
  if (ref !== undefined) result.ref = ref;
  return result;
}

/** The clientId or request id of an invalid frame, so the client can match the error. */
function refOf(json: unknown): string | undefined {
  if (typeof json !== "object" || json === null) return undefined;
  const { clientId, id } = json as { clientId?: unknown; id?: unknown };
  const ref = typeof clientId === "string" ? clientId : typeof id === "string" ? id : undefined;
  return ref && ref.length <= 64 ? ref : undefined;
}
