// jsonText.ts: a number token a double cannot hold is kept as written (a marked string the validator
// refuses and quotes), whatever else the document holds; the quick path that skips the token scan must
// never skip such a token.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonKeepingNumbers, writtenNumber } from '../../../src/measure/jsonText.ts';

/** A JSON number token: sign, integer digits, optional fraction and exponent. */
const numberToken = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9][0-9]{0,320}$/)),
    fc.option(fc.stringMatching(/^[0-9]{1,340}$/), { nil: undefined }),
    fc.option(fc.integer({ min: -400, max: 400 }), { nil: undefined }),
  )
  .map(
    ([negative, whole, fraction, exponent]) =>
      `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}${exponent === undefined ? '' : `e${exponent}`}`,
  );

/** What a double makes of the token: lost when it overflows, or nonzero digits underflow to 0. */
function lost(token: string): boolean {
  const value = Number(token);
  return !Number.isFinite(value) || (value === 0 && /[1-9]/.test(token.replace(/[eE].*$/, '')));
}

describe('parseJsonKeepingNumbers', () => {
  it('keeps every number a double cannot hold as written, beside a zero (which sends it down the scan)', () => {
    fc.assert(
      fc.property(numberToken, (token) => {
        const parsed = parseJsonKeepingNumbers(`{"zero": 0, "n": ${token}}`) as Record<string, unknown>;
        if (lost(token)) expect(writtenNumber(parsed['n'])).toBe(token);
        else expect(parsed['n']).toBe(Number(token));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves ordinary documents as JSON.parse reads them', () => {
    const text = '{"a": 0, "b": [1.5e-12, 3e8, -0.0, 12345678901234567890], "c": "1e999"}';
    expect(parseJsonKeepingNumbers(text)).toEqual(JSON.parse(text));
    expect(writtenNumber((parseJsonKeepingNumbers('[0, 1e400]') as unknown[])[1])).toBe('1e400');
    expect(writtenNumber((parseJsonKeepingNumbers('[0, 1e-400]') as unknown[])[1])).toBe('1e-400');
  });
});
