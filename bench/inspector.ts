/**
 * A DevTools protocol session with the runtime's isolate, through wrangler's inspector port:
 * heap usage and CPU profiles of the Worker and its Durable Objects, measured rather than guessed.
 */
export class Inspector {
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private readonly ws: WebSocket;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.addEventListener("message", (e) => {
      const msg = JSON.parse(String(e.data)) as { id?: number; result?: unknown; error?: unknown };
      const done = msg.id === undefined ? undefined : this.pending.get(msg.id);
      if (done && msg.id !== undefined) {
        this.pending.delete(msg.id);
        done(msg.error ? null : msg.result);
      }
    });
  }

  static async connect(port: number): Promise<Inspector> {
    const list = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as {
      webSocketDebuggerUrl: string;
    }[];
    const url = list[0]?.webSocketDebuggerUrl;
    if (!url) throw new Error("no inspector target");
    // wrangler's inspector proxy only admits local DevTools origins; see the WebSocket note in
    // client.ts about the headers argument.
    const ws = new WebSocket(url, {
      headers: { Origin: "http://127.0.0.1" },
    } as unknown as string[]);
    await new Promise((resolve, reject) => {
      ws.addEventListener("open", resolve);
      ws.addEventListener("error", () => reject(new Error("inspector connection failed")));
    });
    return new Inspector(ws);
  }

  /** One protocol call; resolves with null on error or after `timeoutMs`. */
  call<T>(method: string, params: object = {}, timeoutMs = 10_000): Promise<T | null> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(null);
      }, timeoutMs);
      this.pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result as T);
      });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Live JS heap of the isolate in bytes, after asking V8 to collect garbage. */
  async heapUsed(): Promise<number | null> {
    await this.call("HeapProfiler.collectGarbage", {}, 3000);
    const usage = await this.call<{ usedSize: number }>("Runtime.getHeapUsage");
    return usage?.usedSize ?? null;
  }

  close() {
    this.ws.close();
  }
}
