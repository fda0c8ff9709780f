import { DurableObject } from "cloudflare:workers";
import type { DirectoryBody } from "../../protocol/index";
import { LOBBY_HEARTBEAT_MS } from "../room/lobby-report";
import { type DirectoryPageQuery, LobbyStore, type RoomReport } from "./store";

/** An online count older than this is from a room that stopped reporting: count it as empty. */
export const ONLINE_EXPIRY_MS = 2.5 * LOBBY_HEARTBEAT_MS;
const SWEEP_EVERY_MS = LOBBY_HEARTBEAT_MS / 2;

/**
 * The public room directory. Rooms report snapshots of themselves (debounced on their side, see
 * room/lobby-report.ts); the directory answers pages of them. It holds no sockets, and it is
 * addressed only through lobbyStub(), so it can be split into shards there.
 */
export class Lobby extends DurableObject<Env> {
  private readonly store: LobbyStore;
  /** Whether the sweep alarm is known to be set; saves a storage read per report. */
  private sweeping = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new LobbyStore(ctx.storage.sql);
    ctx.blockConcurrencyWhile(async () => this.store.migrate());
  }

  /** A room's current state; private rooms are dropped from the directory. */
  async report(report: RoomReport): Promise<void> {
    this.store.apply(report);
    if (report.online > 0 && !this.sweeping) {
      this.sweeping = true;
      if ((await this.ctx.storage.getAlarm()) === null) {
        await this.ctx.storage.setAlarm(Date.now() + SWEEP_EVERY_MS);
      }
    }
  }

  async list(query: DirectoryPageQuery): Promise<DirectoryBody> {
    return this.store.page(query);
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    const anyOnline = this.store.expireOnline(now - ONLINE_EXPIRY_MS);
    this.sweeping = anyOnline;
    if (anyOnline) await this.ctx.storage.setAlarm(now + SWEEP_EVERY_MS);
  }
}
