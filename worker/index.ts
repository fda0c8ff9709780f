import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { type ErrorBody, LIMITS } from "../protocol";
import type { AppEnv } from "./http/app-env";
import { HttpError } from "./http/errors";
import { readSession } from "./http/session";
import { LogAggregator, log, requestId } from "./log";
import { auth } from "./routes/auth";
import { debug } from "./routes/debug";
import { directory } from "./routes/directory";
import { dm } from "./routes/dm";
import { health } from "./routes/health";
import { me } from "./routes/me";
import { myRooms } from "./routes/my-rooms";
import { roomAdmin } from "./routes/room-admin";
import { rooms } from "./routes/rooms";
import { userPresence } from "./routes/user-presence";
import { users } from "./routes/users";

export { Lobby } from "./lobby/lobby";
export { Room } from "./room/room";
export { RoomList } from "./room-list/room-list";
export { Throttle } from "./throttle/throttle";
export { User } from "./user/user";

const app = new Hono<AppEnv>().basePath("/api");

/** Refused requests (HTTP 429), logged as a few lines a minute however many there are. */
const refusals = new LogAggregator("rate_limited");

// A 101 upgrade response's headers are immutable, so sockets skip the header middleware.
const apiHeaders = secureHeaders({ crossOriginResourcePolicy: "same-origin" });
app.use(async (c, next) => {
  if (c.req.path.endsWith("/ws")) return next();
  await apiHeaders(c, next);
  // Answers are per user and live: no browser cache keeps one (a sign-out leaves nothing).
  if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
});
// Every JSON body the API takes is small; a large one is refused before it is read.
app.use(
  bodyLimit({
    maxSize: LIMITS.maxRequestBytes,
    onError: (c) =>
      c.json(
        {
          error: {
            code: "too_large",
            message: `Request bodies are at most ${LIMITS.maxRequestBytes} bytes`,
          },
        } satisfies ErrorBody,
        413,
      ),
  }),
);
app.use(readSession);
app.route("/health", health);
app.route("/auth", auth);
app.route("/me/rooms", myRooms);
app.route("/me", me);
app.route("/rooms", directory);
app.route("/rooms", rooms);
app.route("/rooms", roomAdmin);
app.route("/users", users);
app.route("/users", userPresence);
app.route("/dm", dm);
app.route("/debug", debug);

app.notFound((c) =>
  c.json(
    {
      error: { code: "unknown_route", message: `No API route ${c.req.method} ${c.req.path}` },
    } satisfies ErrorBody,
    404,
  ),
);

app.onError((err, c) => {
  if (err instanceof HttpError) {
    if (err.extra.retryAfterSeconds) c.header("Retry-After", String(err.extra.retryAfterSeconds));
    // Scoped by API area (auth, rooms, dm…): which caps are being hit, not by whom.
    if (err.status === 429) {
      const scope = c.req.path.split("/")[2] ?? "api";
      refusals.hit(scope, { scope });
    }
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.extra.fields) body.error.fields = err.extra.fields;
    return c.json(body, err.status as 400);
  }
  if (err instanceof HTTPException && err.status < 500) {
    // Hono's own 4xx (e.g. malformed JSON body).
    return c.json(
      { error: { code: "bad_request", message: err.message } } satisfies ErrorBody,
      err.status,
    );
  }
  const rid = requestId(c.req.raw);
  log("error", "request_error", {
    rid,
    method: c.req.method,
    path: c.req.path,
    error: String(err),
    stack: err.stack,
  });
  c.header("X-Request-Id", rid);
  return c.json(
    {
      error: { code: "internal", message: "Something went wrong on our side" },
    } satisfies ErrorBody,
    500,
  );
});

export default app;
