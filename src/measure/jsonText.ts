// JSON text from a stranger (an imported file, a share link, this browser's storage), parsed so that a number
// a double cannot hold is still described as it was written. JSON.parse turns 1e400 (or a 401-digit integer)
// into Infinity and 1e-400 into 0; JSON.stringify then writes Infinity as null, so a validator's message
// said "got null" for a number the file never held as null, and a rate of 1e-400 would pass as 0. Such
// tokens are swapped for a marked string before parsing: the validator refuses a string where a number
// belongs, and writtenNumber() gives back the text, which its message quotes.

/** A character no accepted document string may hold (control characters are refused), so no clash. */
const MARK = '\u0000number:';

/** A string token, or a number token (RFC 8259 grammar), anywhere outside strings. */
const TOKENS = /"(?:[^"\\]|\\.)*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** The number as written, when `value` stands for a number token a double could not hold; else null. */
export function writtenNumber(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith(MARK) ? value.slice(MARK.length) : null;
}

/** A token a double cannot hold: it overflows to ±Infinity, or nonzero digits underflow to 0. */
function unrepresentable(token: string): boolean {
  const value = Number(token);
  if (!Number.isFinite(value)) return true;
  return value === 0 && /[1-9]/.test(token.replace(/[eE].*$/, ''));
}

/** Whether a parsed value holds a number that may have lost its written form (±Infinity, or a 0). */
function mayHoldLostNumber(value: unknown): boolean {
  // iterative: a stranger's JSON may nest a hundred thousand levels deep
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'number') {
      if (!Number.isFinite(node) || node === 0) return true;
    } else if (typeof node === 'object' && node !== null) {
      for (const child of Object.values(node)) stack.push(child);
    }
  }
  return false;
}

/**
 * Whether the text could hold a number token a double cannot: one with 200 digits in a row, or an exponent
 * of 100 or more in size. A token with neither lies between 1e-299 and 1e299 (or is 0 written as 0), which
 * a double holds. Most documents have a zero somewhere (a count, a spread) and no such token: they skip the
 * scan. One linear pass by hand, not a regular expression: /\d{200}/ restarts at every digit of a shorter
 * run, and 2 MB of 199-digit runs (a stranger's body) took 0.6 s against 9 ms here. Digits inside strings
 * count too: a false alarm only costs the scan.
 */
export function mayHoldUnrepresentable(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      run += 1;
      if (run >= 200) return true;
      continue;
    }
    run = 0;
    if (c !== 0x65 && c !== 0x45) continue; // e, E
    let j = i + 1;
    const sign = text.charCodeAt(j);
    if (sign === 0x2b || sign === 0x2d) j += 1;
    while (text.charCodeAt(j) === 0x30) j += 1; // leading zeros (a run of 200 is caught above)
    let digits = 0;
    for (let d = text.charCodeAt(j); d >= 0x30 && d <= 0x39; d = text.charCodeAt(++j)) digits += 1;
    if (digits >= 3) return true;
  }
  return false;
}

/**
 * JSON.parse, except that number tokens a double cannot hold become marked strings (writtenNumber reads
 * them back). Throws SyntaxError as JSON.parse does. The tokens are rewritten only in text JSON.parse has
 * accepted (where every string is closed, so the scan is linear) and only when the parsed value holds a
 * number that may have lost its form.
 */
export function parseJsonKeepingNumbers(text: string): unknown {
  const parsed: unknown = JSON.parse(text);
  if (!mayHoldLostNumber(parsed) || !mayHoldUnrepresentable(text)) return parsed;
  let changed = false;
  const marked = text.replace(TOKENS, (token) => {
    if (token.startsWith('"') || !unrepresentable(token)) return token;
    changed = true;
    return JSON.stringify(`${MARK}${token}`);
  });
  return changed ? JSON.parse(marked) : parsed;
}
