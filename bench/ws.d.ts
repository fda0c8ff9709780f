// The few parts of the `ws` client (8.x) the bench uses; the package ships no types.
declare module "ws" {
  export type ClientOptions = {
    headers?: Record<string, string>;
    /** The local address the socket binds to (the source address the server sees). */
    localAddress?: string;
    perMessageDeflate?: boolean;
  };
  export default class WebSocket {
    static readonly CONNECTING: 0;
    static readonly OPEN: 1;
    static readonly CLOSING: 2;
    static readonly CLOSED: 3;
    readonly readyState: 0 | 1 | 2 | 3;
    constructor(url: string, options?: ClientOptions);
    send(data: string): void;
    close(code?: number, reason?: string): void;
    on(event: "message", listener: (data: Buffer, isBinary: boolean) => void): this;
    on(event: "close", listener: (code: number, reason: Buffer) => void): this;
    on(event: "error", listener: (err: Error) => void): this;
    on(
      event: "unexpected-response",
      listener: (req: unknown, res: { statusCode?: number }) => void,
    ): this;
    once(event: "close", listener: (code: number, reason: Buffer) => void): this;
  }
}
