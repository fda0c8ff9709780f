import { DurableObject } from "cloudflare:workers";
import type { DirectoryBody } from "../protocol";
import { type DirectoryPageQuery, LobbyStore, type RoomReport } from "./lobby-store";

/**
 * The public room directory. Rooms report snapshots of themselves (debounced on their side, see
 * room-lobby-report.ts); the directory answers pages of them. It holds no sockets and no timers,
 * and it is addressed only through lobbyStub(), so it can be split into shards there.
 */
export class Lobby extends DurableObject<Env> {
  private readonly store: LobbyStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new LobbyStore(ctx.storage.sql);
    ctx.blockConcurrencyWhile(async () => this.store.migrate());
  }

  /** A room's current state; private rooms are dropped from the directory. */
  async report(report: RoomReport): Promise<void> {
    this.store.apply(report);
  }

  async remove(roomId: string): Promise<void> {
    this.store.remove(roomId);
  }

  async list(query: DirectoryPageQuery): Promise<DirectoryBody> {
    return this.store.page(query);
  }

  /** Times the directory row of a room was written; null when it is not listed. */
  async writes(roomId: string): Promise<number | null> {
    return this.store.writes(roomId);
  }
}
