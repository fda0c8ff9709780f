import type {
  CreateRoomBody,
  CreateRoomRequest,
  ErrorBody,
  MeBody,
  MessagesBody,
  RoomBody,
} from "../../../protocol";

/** An API error with the server's stable code and human message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      0,
      "network",
      "Can't reach the server. Check your connection and try again.",
    );
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (data as ErrorBody | null)?.error;
    throw new ApiError(
      res.status,
      err?.code ?? "internal",
      err?.message ?? `Request failed (${res.status})`,
      err?.fields,
    );
  }
  return data as T;
}

export const api = {
  me: () => request<MeBody>("GET", "/api/me"),
  guest: (name: string) => request<MeBody>("POST", "/api/auth/guest", { name }),
  logout: () => request<{ ok: boolean }>("POST", "/api/auth/logout"),
  createRoom: (body: CreateRoomRequest) => request<CreateRoomBody>("POST", "/api/rooms", body),
  room: (roomId: string) => request<RoomBody>("GET", `/api/rooms/${encodeURIComponent(roomId)}`),
  messages: (roomId: string, before?: number) =>
    request<MessagesBody>(
      "GET",
      `/api/rooms/${encodeURIComponent(roomId)}/messages${before ? `?before=${before}` : ""}`,
    ),
};
