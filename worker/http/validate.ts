import type { ValidationTargets } from "hono";
import { validator } from "hono/validator";
import type * as z from "zod/mini";
import { HttpError } from "./errors";

/** Collapses zod issues into one message per field, for forms. */
export function fieldErrors(error: z.core.$ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

export function invalid(error: z.core.$ZodError): HttpError {
  const fields = fieldErrors(error);
  const first = Object.entries(fields)[0];
  const message = first
    ? first[0] === "_"
      ? first[1]
      : `${first[0]}: ${first[1]}`
    : "Invalid input";
  return new HttpError("bad_request", message, { fields });
}

/** Hono validator backed by a protocol schema; failures become 400 with per-field messages. */
export function valid<T extends keyof ValidationTargets, S extends z.ZodMiniType>(
  target: T,
  schema: S,
) {
  return validator(target, (value): z.infer<S> => {
    const result = schema.safeParse(value);
    if (!result.success) throw invalid(result.error);
    return result.data;
  });
}
