/**
 * Named moments of a page load (`performance.mark`), read by the benchmark and visible in
 * DevTools' performance panel: what the room page waited for, and when.
 */
export function mark(name: string): void {
  try {
    performance.mark(`parley:${name}`);
  } catch {
    // no performance timeline: nothing to record
  }
}
