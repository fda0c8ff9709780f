import { DurableObject } from "cloudflare:workers";

/** The public room directory; rooms report their activity to it. */
export class Lobby extends DurableObject<Env> {}
