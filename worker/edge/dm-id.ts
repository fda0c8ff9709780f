/**
 * The one room id of the direct conversation between two users: the same whichever of them
 * starts it and however often, so starting a DM twice lands in the same room. Knowing the id
 * grants nothing: the room admits only its two members.
 */
export async function dmRoomId(a: string, b: string): Promise<string> {
  const [first, second] = a < b ? [a, b] : [b, a];
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(`parley-dm\n${first}\n${second}`),
  );
  let bin = "";
  for (const byte of new Uint8Array(digest).slice(0, 15)) bin += String.fromCharCode(byte);
  // 15 bytes → 20 base64url characters; "dm_" + 20 fits the RoomId pattern.
  return `dm_${btoa(bin).replaceAll("+", "-").replaceAll("/", "_")}`;
}
