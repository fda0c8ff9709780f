import { useClock } from "../lib/hooks";
import { exactTime, relativeTime } from "../lib/time";

/** "5 min ago", with the exact time on hover; ticks on its own. */
export function RelativeTime({ at }: { at: number }) {
  const now = useClock();
  return (
    <time dateTime={new Date(at).toISOString()} title={exactTime(at)}>
      {relativeTime(at, Math.max(now, Date.now() - 1000))}
    </time>
  );
}
