import type {
  CreateRoomBody,
  CreateRoomRequest,
  ErrorBody,
  MeBody,
  MessagesBody,
  RoomBody,
  RoomInfo,
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
  /** The server has no such endpoint yet (as opposed to "no such thing"). */
  get missingEndpoint(): boolean {
    return this.status === 404 && this.code === "not_found" && /route|endpoint/i.test(this.message);
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

/** A room as the directory and "your rooms" lists show it. */
export type RoomListing = {
  room: RoomInfo;
  online?: number;
  lastActivity?: number | null;
  unread?: number;
  mentions?: number;
  members?: number;
};

export type RoomList = { rooms: RoomListing[]; next?: string | null };

export type Profile = {
  user: {
    id: string;
    username: string | null;
    name: string;
    color: string;
    online?: boolean;
    lastSeen?: number | null;
    createdAt?: number;
  };
};

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
    request<{ ok: boolean }>("POST", "/api/auth/logout", everywhere ? { everywhere } : undefined),
  updateMe: (patch: { name?: string; color?: string }) =>
    request<MeBody>("PATCH", "/api/me", patch),
  profile: (username: string) =>
    request<Profile>("GET", `/api/users/${encodeURIComponent(username)}`),
  directory: (params: { q?: string; sort?: string; cursor?: string }) => {
    const qs = new URLSearchParams(
      Object.entries(params).filter((e): e is [string, string] => !!e[1]),
    );
    return request<RoomList>("GET", `/api/rooms${qs.size ? `?${qs}` : ""}`);
  },
  myRooms: () => request<RoomList>("GET", "/api/me/rooms"),
  createRoom: (body: CreateRoomRequest) => request<CreateRoomBody>("POST", "/api/rooms", body),
  room: (roomId: string) => request<RoomBody>("GET", room(roomId)),
  messages: (roomId: string, before?: number) =>
    request<MessagesBody>("GET", `${room(roomId)}/messages${before ? `?before=${before}` : ""}`),
};
