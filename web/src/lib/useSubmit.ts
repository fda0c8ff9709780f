import { type FormEvent, useCallback, useRef, useState } from "react";
import { ApiError } from "./api";

/**
 * The busy and error state of a form: `onSubmit` runs `action` once at a time, clears the last
 * error, and on failure shows `describe(err)`. Used by the identity forms and room creation.
 */
export function useSubmit(action: () => Promise<void>, describe: (err: unknown) => string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  // The latest closures, so onSubmit stays one function while the form's fields change.
  const latest = useRef({ action, describe });
  latest.current = { action, describe };

  const onSubmit = useCallback(async (e: FormEvent) => {
    e.preventDefault();
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await latest.current.action();
    } catch (err) {
      setError(latest.current.describe(err));
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  return { busy, error, onSubmit };
}

/** A sentence for an identity form: the server's, or a plain one for the unexpected. */
export function authError(err: unknown, unauthorized: string): string {
  if (!(err instanceof ApiError)) return "Something went wrong. Try again.";
  if (err.missingEndpoint)
    return "Accounts aren't available on this server yet. Continue as a guest for now.";
  if (err.status === 401) return unauthorized;
  if (err.status === 429) return "Too many attempts. Wait a minute and try again.";
  const field = Object.values(err.fields)[0];
  return field ? `${err.message}: ${field}` : err.message;
}
