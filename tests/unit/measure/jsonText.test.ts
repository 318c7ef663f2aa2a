// jsonText.ts: a number token a double cannot hold is kept as written (a marked string the validator
// refuses and quotes), whatever else the document holds; the quick path that skips the token scan must
// never skip such a token, and parses every text exactly as the full rewrite does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mayHoldUnrepresentable,
  parseJsonKeepingNumbers,
  writtenNumber,
} from '../../../src/measure/jsonText.ts';

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

/** The parse as it was before the shortcut: the rewrite whenever a 0 or an infinity was parsed. */
function reference(text: string): unknown {
  const parsed: unknown = JSON.parse(text);
  const lost = (v: unknown): boolean =>
    typeof v === 'number'
      ? !Number.isFinite(v) || v === 0
      : typeof v === 'object' && v !== null && Object.values(v).some(lost);
  if (!lost(parsed)) return parsed;
  const marked = text.replace(/"(?:[^"\\]|\\.)*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/g, (token) => {
    if (token.startsWith('"')) return token;
    const value = Number(token);
    const unrepresentable =
      !Number.isFinite(value) || (value === 0 && /[1-9]/.test(token.replace(/[eE].*$/, '')));
    return unrepresentable ? JSON.stringify(`\u0000number:${token}`) : token;
  });
  return JSON.parse(marked);
}

const digits = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max, size: 'max' })
    .map((d) => d.join(''));

/** A JSON number token, short or very long; exponents written with a sign or none and padded with zeros. */
const paddedToken = fc
  .record({
    sign: fc.constantFrom('', '-'),
    integer: fc.oneof(
      fc.constant('0'),
      fc.tuple(fc.constantFrom(...'123456789'), digits(0, 320)).map(([a, b]) => a + b),
    ),
    fraction: fc.option(digits(1, 340), { nil: undefined }),
    exponent: fc.option(
      fc.record({ e: fc.constantFrom('e', 'E'), sign: fc.constantFrom('', '+', '-'), value: digits(1, 5) }),
      { nil: undefined },
    ),
  })
  .map(
    ({ sign, integer, fraction, exponent }) =>
      `${sign}${integer}${fraction === undefined ? '' : `.${fraction}`}${exponent === undefined ? '' : `${exponent.e}${exponent.sign}${exponent.value}`}`,
  );

const jsonText = fc
  .array(
    fc.oneof(
      paddedToken,
      fc.string().map((s) => JSON.stringify(s)),
      digits(0, 250).map((d) => `"e${d}"`),
    ),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .map((values) => `{"values":[${values.join(',')}],"zero":0}`);

describe('parseJsonKeepingNumbers: the quick path never changes a result', () => {
  it('parses every generated text as the full rewrite does', () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        expect(parseJsonKeepingNumbers(text)).toStrictEqual(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('a token the shortcut lets through is one a double holds', () => {
    fc.assert(
      fc.property(paddedToken, (token) => {
        if (mayHoldUnrepresentable(token)) return;
        const value = Number(token);
        expect(Number.isFinite(value)).toBe(true);
        if (value === 0) expect(token).toMatch(/^-?0(\.0+)?([eE][+-]?\d+)?$/);
      }),
      { numRuns: 5000 },
    );
  });

  it('the cases that matter, by hand', () => {
    for (const token of [
      `2${'0'.repeat(308)}`, // 2e308: past the largest double, no exponent written
      `0.${'0'.repeat(323)}1`, // 1e-324: under the smallest subnormal, no exponent written
      '1e400',
      '-1e999',
      '1e-400',
      '1e-0400',
      `1${'0'.repeat(400)}`,
      `0.${'0'.repeat(330)}1`,
    ])
      expect(writtenNumber((parseJsonKeepingNumbers(`[${token}]`) as unknown[])[0]), token).toBe(token);
    // an honest 0 beside ordinary exponents takes the shortcut
    expect(mayHoldUnrepresentable('{"flops":0,"seconds":1.74e-9,"rate":2.5E+12}')).toBe(false);
    expect(parseJsonKeepingNumbers('[0, 1.74e-9, 0.0e-400]')).toStrictEqual([0, 1.74e-9, 0]);
  });
});
