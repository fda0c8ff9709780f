/**
 * The name of the User object that holds an identity. Accounts live under their lower-cased
 * username (so names are unique regardless of case); guests under `guest:<id>`, which no
 * username can equal because usernames have no colon.
 */
export function accountKey(username: string): string {
  return username.toLowerCase();
}

export function guestKey(userId: string): string {
  return `guest:${userId}`;
}
