import { vi } from "vitest";

/**
 * Records what the Worker and its objects log while a corpus runs (they share the test's
 * isolate), so a test can assert that no input a client sends produces an error line or a stack.
 */
export function watchLogs() {
  const lines: string[] = [];
  const spies = (["error", "warn"] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    }),
  );
  return {
    errors: () => lines.filter((l) => /"level":"error"|Error|\n\s+at /.test(l)),
    stop: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}
