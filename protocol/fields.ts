import * as z from "zod/mini";
import { idPattern, LIMITS } from "./limits";

// Letters, marks, numbers, punctuation, symbols and plain spaces; no control or format characters
// and no lone surrogates (ill-formed UTF-16 a client can put in JSON as "\ud800").
const NO_CONTROL = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]*$/u;
const LONE_SURROGATE = /\p{Cs}/u;

/** Refuses ill-formed UTF-16: it cannot be stored, indexed or shown faithfully. */
export const wellFormed = z.refine<string>(
  (s) => !LONE_SURROGATE.test(s),
  "Text has a lone surrogate (ill-formed Unicode)",
);

/** True when `s` has a C0/C1 control character other than those in `allowed`. */
function hasControlCharacters(s: string, allowed = ""): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 || (c >= 0x7f && c < 0xa0)) && !allowed.includes(s[i] as string)) return true;
  }
  return false;
}

/** nanoid-style URL-safe id. */
export const RoomId = z.string().check(z.regex(idPattern("roomId"), "Invalid room id"));
export type RoomId = z.infer<typeof RoomId>;

export const UserId = z.string().check(z.regex(idPattern("userId"), "Invalid user id"));

export const Username = z
  .string()
  .check(
    z.regex(
      idPattern("username"),
      `Usernames are ${LIMITS.usernameMin}–${LIMITS.usernameMax} letters, digits, _ or -`,
    ),
  );

export const DisplayName = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, "Enter a display name"),
    z.maxLength(LIMITS.displayNameMax, `At most ${LIMITS.displayNameMax} characters`),
    z.regex(NO_CONTROL, "No control characters"),
  );

export const RoomName = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, "Enter a room name"),
    z.maxLength(LIMITS.roomNameMax, `At most ${LIMITS.roomNameMax} characters`),
    z.regex(NO_CONTROL, "No control characters"),
  );

export const Topic = z
  .string()
  .check(
    z.trim(),
    z.maxLength(LIMITS.topicMax, `At most ${LIMITS.topicMax} characters`),
    z.regex(NO_CONTROL, "No control characters"),
  );

/** Message text: newlines and tabs allowed, other control characters not. */
export const MessageText = z.string().check(
  z.trim(),
  z.minLength(1, "Message is empty"),
  z.maxLength(LIMITS.maxMessageChars, `At most ${LIMITS.maxMessageChars} characters`),
  z.refine((s) => !hasControlCharacters(s, "\n\t"), "No control characters"),
  wellFormed,
);

/** What a search looks for (socket and HTTP). */
export const SearchText = z
  .string()
  .check(z.trim(), z.minLength(1), z.maxLength(LIMITS.maxSearchChars), wellFormed);

/** Client-chosen idempotency key for a send. */
export const ClientId = z.string().check(z.regex(idPattern("clientId"), "Invalid clientId"));

export const Seq = z.int().check(z.nonnegative());

/** One emoji (or short emoji sequence); text is rejected. */
export const Emoji = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(16),
    z.regex(
      /^(?=.*[\p{Extended_Pictographic}\p{Regional_Indicator}])(?:[\p{Extended_Pictographic}\p{Emoji_Component}]|\u200D|\uFE0F)+$/u,
      "Not an emoji",
    ),
  );

export const AvatarColor = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, "Colour as #rrggbb"));
