import type {
  BansBody,
  CreateRoomBody,
  CreateRoomRequest,
  DirectoryBody,
  DirectorySort,
  ErrorBody,
  ErrorCode,
  MeBody,
  MessagesBody,
  MyRoomsBody,
  ProfilePatch,
  PublicProfileBody,
  RoomBody,
  RoomOwnerBody,
  RoomPatch,
  UserPresenceBody,
} from "../../../protocol";

/** `network`: the request never reached the server. */
export type ApiErrorCode = ErrorCode | "network";

/** An API error with the server's stable code and human message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
  /** The server has no such endpoint (an older one), as opposed to "no such thing". */
  get missingEndpoint(): boolean {
    return this.code === "unknown_route";
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

const room = (id: string) => `/api/rooms/${encodeURIComponent(id)}`;

export const api = {
  me: () => request<MeBody>("GET", "/api/me"),
  guest: (name: string) => request<MeBody>("POST", "/api/auth/guest", { name }),
  register: (username: string, password: string, name?: string) =>
    request<MeBody>(
      "POST",
      "/api/auth/register",
      name ? { username, password, name } : { username, password },
    ),
  login: (username: string, password: string) =>
    request<MeBody>("POST", "/api/auth/login", { username, password }),
  logout: (everywhere = false) =>
    request<{ ok: boolean }>("POST", "/api/auth/logout", everywhere ? { everywhere } : {}),
  updateMe: (patch: ProfilePatch) => request<MeBody>("PATCH", "/api/me", patch),
  profile: (username: string) =>
    request<PublicProfileBody>("GET", `/api/users/${encodeURIComponent(username)}`),
  presence: (userId: string) =>
    request<UserPresenceBody>("GET", `/api/users/${encodeURIComponent(userId)}/presence`),
  directory: (params: { q?: string; sort?: DirectorySort; cursor?: string }) => {
    const qs = new URLSearchParams(
      Object.entries(params).filter((e): e is [string, string] => !!e[1]),
    );
    return request<DirectoryBody>("GET", `/api/rooms${qs.size ? `?${qs}` : ""}`);
  },
  myRooms: () => request<MyRoomsBody>("GET", "/api/me/rooms"),
  startDm: (userId: string) => request<RoomOwnerBody>("POST", "/api/dm", { userId }),
  createRoom: (body: CreateRoomRequest) => request<CreateRoomBody>("POST", "/api/rooms", body),
  room: (roomId: string) => request<RoomBody>("GET", room(roomId)),
  messages: (roomId: string, before?: number) =>
    request<MessagesBody>("GET", `${room(roomId)}/messages${before ? `?before=${before}` : ""}`),
  invite: (roomId: string) => request<RoomOwnerBody>("GET", `${room(roomId)}/invite`),
  updateRoom: (roomId: string, patch: RoomPatch) =>
    request<RoomOwnerBody>("PATCH", room(roomId), patch),
  kick: (roomId: string, userId: string) =>
    request<{ ok: boolean }>("POST", `${room(roomId)}/kick`, { userId }),
  ban: (roomId: string, userId: string) =>
    request<{ ok: boolean }>("POST", `${room(roomId)}/bans`, { userId }),
  bans: (roomId: string) => request<BansBody>("GET", `${room(roomId)}/bans`),
  unban: (roomId: string, userId: string) =>
    request<{ ok: boolean }>("DELETE", `${room(roomId)}/bans/${encodeURIComponent(userId)}`),
  /** Leave: off my list, membership ended (a private room needs its invite again). */
  leave: (roomId: string) => request<null>("DELETE", `/api/me/rooms/${encodeURIComponent(roomId)}`),
};
