// Room codes and speaker tokens, as text. A code is what an attendee types from the slide: six characters
// from an alphabet without look-alikes (no 0/O, 1/I/L), read case-insensitively since phones capitalise
// nothing. 31^6 ≈ 8.9e8 codes; a room is found by its code, but only the speaker's token (a 256-bit random
// secret, base64url) may clear, remove or close. Pure: the server draws the random bytes (node:crypto).

export const ROOM_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ROOM_CODE_LENGTH = 6;
/** 32 random bytes in base64url, no padding. */
export const SPEAKER_TOKEN_LENGTH = 43;

const CODE = new RegExp(`^[${ROOM_CODE_ALPHABET}]{${ROOM_CODE_LENGTH}}$`);
const TOKEN = new RegExp(`^[A-Za-z0-9_-]{${SPEAKER_TOKEN_LENGTH}}$`);

/** The code as typed ("k7p4q2") in its canonical form ("K7P4Q2"), or null when it cannot be a room code. */
export function normaliseRoomCode(text: string): string | null {
  if (text.length !== ROOM_CODE_LENGTH) return null;
  const upper = text.toUpperCase();
  return CODE.test(upper) ? upper : null;
}

export function isSpeakerToken(text: string): boolean {
  return TOKEN.test(text);
}

/** A code from random bytes (one byte per character; a byte ≥ 248 would bias the draw and is skipped). */
export function roomCodeFrom(randomBytes: Uint8Array): string | null {
  let code = '';
  const unbiased = 256 - (256 % ROOM_CODE_ALPHABET.length);
  for (const byte of randomBytes) {
    if (byte >= unbiased) continue;
    code += ROOM_CODE_ALPHABET[byte % ROOM_CODE_ALPHABET.length];
    if (code.length === ROOM_CODE_LENGTH) return code;
  }
  return null;
}

/** The room's two addresses on a base URL such as "http://192.168.1.20:8787". */
export function roomUrls(base: string, code: string, token: string): { join: string; speaker: string } {
  const origin = base.replace(/\/+$/, '');
  return {
    join: `${origin}/room/${code}`,
    speaker: `${origin}/room/${code}?speaker=${token}`,
  };
}

/** The room a page address names ("/room/k7p4q2" → "K7P4Q2"), or null for any other page. */
export function roomCodeFromPath(pathname: string): string | null {
  const match = /^\/room\/([^/]+)$/.exec(pathname);
  return match ? normaliseRoomCode(match[1] ?? '') : null;
}
