import { customAlphabet } from "nanoid";

/**
 * User ids: lower-case letters and digits only, because a guest's id is part of the name of its
 * User object and object names are lower-cased (two ids differing only in case would share one).
 * 20 characters of 36 is about 103 bits.
 */
export const newUserId = customAlphabet("0123456789abcdefghijklmnopqrstuvwxyz", 20);
