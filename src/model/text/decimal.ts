// Strict reading of numbers typed by people or carried in links (CLI flags, --set values, URL parameters):
// plain decimal only. JavaScript's Number() also takes hex ("0x10" is 16), binary, octal, "Infinity",
// surrounding whitespace and the empty string (0); none of that is a number a user means here.

/** Optional sign, digits with an optional fraction (or a bare fraction), optional exponent. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The value of a strict decimal, or null when `text` is not one or does not fit a finite double. */
export function parseDecimal(text: string): number | null {
  if (text.length > 64 || !DECIMAL.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * A whole number written in decimal ("8", "32000", "1e3"), or null. Only safe integers: above 2^53 a
 * double no longer holds every integer, and no count in ridgeline comes near it.
 */
export function parseDecimalInteger(text: string): number | null {
  const value = parseDecimal(text);
  return value !== null && Number.isSafeInteger(value) ? value : null;
}
