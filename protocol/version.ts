/** Bumped on any incompatible change to a frame or HTTP body. */
export const PROTOCOL_VERSION = 1;
