// A WebSocket client at the byte level, for what no polite client library does: keep writing
// after the server's close frame, never answer it, or time exactly when the server ends TCP.
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import type { ServerFrame } from "../protocol/index.ts";

type Frame = { opcode: number; payload: Buffer };
const TEXT = 1;
const CLOSE = 8;

export class RawSocket {
  readonly frames: Frame[] = [];
  /** When the server ended the TCP connection (ms since the epoch), or null while it is open. */
  endedAt: number | null = null;
  private buffer = Buffer.alloc(0);

  private constructor(private readonly socket: Socket) {
    socket.on("data", (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    socket.on("close", () => {
      this.endedAt = Date.now();
    });
    socket.on("error", () => {});
  }

  /** Upgrades `path` on the server at `baseURL`; rejects with the HTTP head if it is not a 101. */
  static open(baseURL: string, path: string, headers: Record<string, string>): Promise<RawSocket> {
    const url = new URL(baseURL);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: url.hostname, port: Number(url.port) });
      let head = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf("\r\n\r\n");
        if (end < 0) return;
        socket.off("data", onData);
        const status = head.subarray(0, end).toString();
        if (!status.startsWith("HTTP/1.1 101")) return reject(new Error(status));
        const raw = new RawSocket(socket);
        raw.buffer = head.subarray(end + 4);
        raw.parse();
        resolve(raw);
      };
      socket.on("data", onData);
      socket.on("error", reject);
      socket.on("connect", () => {
        const lines = [
          `GET ${path} HTTP/1.1`,
          `Host: ${url.host}`,
          "Upgrade: websocket",
          "Connection: Upgrade",
          `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
          "Sec-WebSocket-Version: 13",
          ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
        ];
        socket.write(`${lines.join("\r\n")}\r\n\r\n`);
      });
    });
  }

  /** Sends a masked text frame, whatever the state of the connection. */
  text(data: string): void {
    this.write(TEXT, Buffer.from(data));
  }

  /** Answers (or starts) the closing handshake. */
  close(code: number): void {
    const payload = Buffer.alloc(2);
    payload.writeUInt16BE(code);
    this.write(CLOSE, payload);
  }

  /** The server's close code, or null before its close frame. */
  closeCode(): number | null {
    const frame = this.frames.find((f) => f.opcode === CLOSE);
    return frame && frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : null;
  }

  texts(): ServerFrame[] {
    return this.frames
      .filter((f) => f.opcode === TEXT)
      .map((f) => JSON.parse(f.payload.toString()) as ServerFrame);
  }

  destroy(): void {
    this.socket.destroy();
  }

  private write(opcode: number, payload: Buffer) {
    const mask = randomBytes(4);
    const masked = Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] as number)));
    let head: Buffer;
    if (payload.length < 126) head = Buffer.from([0x80 | opcode, 0x80 | payload.length]);
    else {
      head = Buffer.alloc(4);
      head[0] = 0x80 | opcode;
      head[1] = 0x80 | 126;
      head.writeUInt16BE(payload.length, 2);
    }
    if (!this.socket.destroyed) this.socket.write(Buffer.concat([head, mask, masked]));
  }

  private parse() {
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = (this.buffer[0] as number) & 0x0f;
      let length = (this.buffer[1] as number) & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + length) return;
      this.frames.push({ opcode, payload: this.buffer.subarray(offset, offset + length) });
      this.buffer = this.buffer.subarray(offset + length);
    }
  }
}
