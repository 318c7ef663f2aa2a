// Text that came from outside (a link, a file, a flag) and is quoted back to people: one line, no control
// characters (C0/C1: newlines, escapes, NUL), no bidirectional overrides (U+202A–E, U+2066–9, which can
// make a label read backwards: "Trojan Source", CVE-2021-42574), no lone surrogate halves (malformed
// UTF-16, which JSON's \ud800 escapes can produce), bounded length.

const UNSAFE = /[\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069]/u;
const UNSAFE_ALL = /[\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069]/gu;

/** True when `text` holds a control character, a bidirectional override or a lone surrogate. */
export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE.test(text);
}

/** `text` on one line with unsafe characters as spaces, cut to `max` characters (with an ellipsis). */
export function plainText(text: string, max: number): string {
  const plain = text.replace(UNSAFE_ALL, ' ');
  return plain.length > max ? `${plain.slice(0, Math.max(0, max - 1))}…` : plain;
}

/** A value quoted back in a message: long text (a pasted link, a hostile parameter) is cut to 40 characters. */
export function clipForMessage(text: string): string {
  return plainText(text, 40);
}
