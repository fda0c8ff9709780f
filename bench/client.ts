import WebSocket from "ws";
import type { ServerFrame, SingleServerFrame } from "../protocol/frames.ts";
import { BATCH_PARAM } from "../protocol/limits.ts";
import type { Identity } from "./http.ts";
import type { Recorder } from "./metrics.ts";

const CONNECT_TIMEOUT_MS = 15_000;
let nextClient = 0;
const runTag = Math.random().toString(36).slice(2, 8).padEnd(6, "x");

/**
 * One bench connection speaking the real protocol: joins with the session cookie, checks that
 * room events arrive gap-free and once each, and reports latencies to the scenario's Recorder.
 */
export class BenchClient {
  readonly index = nextClient++;
  ws: WebSocket | null = null;
  /** Highest event seq seen in order; -1 until the welcome. */
  lastSeq = -1;
  /** The room's lastSeq announced by the latest welcome. */
  welcomeSeq = -1;
  /** UTF-8 bytes received up to and including the welcome. */
  bytesBeforeReady = 0;
  joinMs = 0;
  unacked = 0;
  /** Asks for `batch` frames at connect, as the web app does; false: a client of before. */
  batch = true;
  private sentCount = 0;
  private ready = false;
  private currentWaiter: { seq: number; resolve: () => void } | null = null;

  readonly base: string;
  readonly roomId: string;
  readonly who: Identity;
  rec: Recorder;

  constructor(base: string, roomId: string, who: Identity, rec: Recorder) {
    this.base = base;
    this.roomId = roomId;
    this.who = who;
    this.rec = rec;
  }

  /** Opens the socket and resolves at the welcome; `since` asks for a catch-up replay. */
  connect(since?: number): Promise<void> {
    const params = new URLSearchParams();
    if (since !== undefined) params.set("since", String(since));
    if (this.batch) params.set(BATCH_PARAM, "1");
    const query = params.size ? `?${params}` : "";
    const url = `${this.base.replace(/^http/, "ws")}/api/rooms/${this.roomId}/ws${query}`;
    const start = performance.now();
    this.ready = false;
    this.bytesBeforeReady = 0;
    if (since !== undefined) this.lastSeq = since;
    // `ws` offers permessage-deflate, as browsers do; each client connects from its own
    // loopback address (bench/http.ts). No Origin is sent, as for any non-browser client.
    const ws = new WebSocket(url, {
      headers: { cookie: this.who.cookie },
      localAddress: this.who.address,
    });
    this.ws = ws;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`join timed out after ${CONNECT_TIMEOUT_MS} ms`));
        ws.close();
      }, CONNECT_TIMEOUT_MS);
      ws.on("message", (data) => {
        if (!this.ready) this.bytesBeforeReady += data.length;
        const parsed = JSON.parse(data.toString("utf8")) as ServerFrame;
        const frames = parsed.type === "batch" ? parsed.frames : [parsed];
        for (const frame of frames) {
          if (frame.type !== "welcome") {
            this.onFrame(frame);
            continue;
          }
          clearTimeout(timer);
          this.joinMs = performance.now() - start;
          this.rec.joins.push(this.joinMs);
          this.ready = true;
          this.welcomeSeq = frame.lastSeq;
          if (frame.mode === "snapshot") this.lastSeq = frame.lastSeq;
          this.checkCurrent();
          resolve();
        }
      });
      ws.on("error", () => {
        clearTimeout(timer);
        reject(new Error("socket error before welcome"));
      });
      ws.on("close", (code, reason) => {
        clearTimeout(timer);
        if (!this.ready) reject(new Error(`closed before welcome: ${code} ${reason}`));
      });
    });
  }

  /** Sends one message; its clientId keys the latency bookkeeping. */
  send(text: string): string {
    const clientId = `${runTag}-${this.index}-${this.sentCount++}`;
    this.rec.sentAt.set(clientId, { at: performance.now(), by: this.index });
    this.rec.sent += 1;
    this.unacked += 1;
    this.ws?.send(JSON.stringify({ type: "send", clientId, text }));
    return clientId;
  }

  /** Resolves once every event up to `seq` has arrived (or after `timeoutMs`). */
  currentBy(seq: number, timeoutMs: number): Promise<boolean> {
    if (this.lastSeq >= seq) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.currentWaiter = null;
        resolve(false);
      }, timeoutMs);
      this.currentWaiter = {
        seq,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
    });
  }

  /** Counts what never arrived: every seq up to the room's last accepted one must be here. */
  settle() {
    const roomLastSeq = this.rec.roomLastSeq.get(this.roomId) ?? 0;
    if (this.lastSeq < roomLastSeq) this.rec.lost += roomLastSeq - this.lastSeq;
  }

  close(): Promise<void> {
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, 3000);
      ws.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      ws.close(1000, "bench done");
    });
  }

  private onFrame(frame: SingleServerFrame) {
    const now = performance.now();
    switch (frame.type) {
      case "ack": {
        this.unacked -= 1;
        this.rec.accepted += 1;
        const sent = this.rec.sentAt.get(frame.clientId);
        if (sent) {
          this.rec.acks.push(now - sent.at);
          // Both clocks are this machine's: wall time of the send vs the room's stamp.
          this.rec.inbound.push(frame.createdAt - (Date.now() - (now - sent.at)));
        }
        this.rec.acked(this.roomId, frame.seq);
        return;
      }
      case "error":
        this.rec.error(frame.code);
        if (frame.ref) this.unacked -= 1;
        return;
      case "message": {
        this.rec.delivered += 1;
        // Replayed events (seq up to the welcome's lastSeq) are catch-up, not fan-out latency.
        const live = frame.seq > this.welcomeSeq;
        const sent = frame.message.clientId ? this.rec.sentAt.get(frame.message.clientId) : null;
        if (live && sent && sent.by !== this.index) this.rec.fanout.push(now - sent.at);
        this.event(frame.seq);
        return;
      }
      case "edit":
      case "delete":
      case "reaction":
      case "topic":
      case "rename":
        this.event(frame.seq);
        return;
      default:
        return;
    }
  }

  /** Room events arrive in seq order, each once: anything else is a gap or a duplicate. */
  private event(seq: number) {
    if (seq <= this.lastSeq) this.rec.duplicated += 1;
    else {
      if (this.lastSeq >= 0 && seq > this.lastSeq + 1) this.rec.lost += seq - this.lastSeq - 1;
      this.lastSeq = seq;
    }
    this.checkCurrent();
  }

  private checkCurrent() {
    const w = this.currentWaiter;
    if (w && this.lastSeq >= w.seq) {
      this.currentWaiter = null;
      w.resolve();
    }
  }
}
