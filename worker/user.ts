import { DurableObject } from "cloudflare:workers";

/** One per account (addressed by the lower-cased username): credentials, profile, sessions. */
export class User extends DurableObject<Env> {}
