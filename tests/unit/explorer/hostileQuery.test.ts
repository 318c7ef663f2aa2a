// The explorer's link from a stranger (issue 10): fast-check throws arbitrary and hostile query strings at
// the URL-state parser and the evaluation behind it. Parsing never throws, keeps only values inside each
// flag's range, says what it refused in bounded lines, and what it keeps evaluates to finite figures or
// to "not computed" with the reason.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nonFiniteOutputs } from '../../../src/model/evaluate.ts';
import { NUMERIC_FLAGS, parseFlagValue } from '../../../src/model/scenario/flagBounds.ts';
import { INPUT_PATHS } from '../../../src/model/scenario/inputPaths.ts';
import { evaluateQuery, queryChoices } from '../../../src/ui/explorer/evaluation.ts';
import { MAX_SETS, parseQuery, QUERY_PARAMS } from '../../../src/ui/explorer/urlState.ts';

const choices = queryChoices();
const names = [...QUERY_PARAMS.map((p) => p.param), 'your-gpu-memory', 'fault', 'colour'];
const hostileText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '1e308',
    '1e-320',
    '5e-324',
    '0x10',
    ' 8',
    '8abc',
    'Infinity',
    'NaN',
    '-1',
    '99999999999999999999',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '\u202e',
    'x'.repeat(5000),
  ),
  fc.double().map(String),
  fc.integer({ min: -10, max: 5000 }).map(String),
);
const hostileQuery = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(...names),
        fc.constantFrom(...INPUT_PATHS.map((p) => `set.${p.path}`)),
        fc.string({ maxLength: 12 }),
      ),
      hostileText,
    ),
    { maxLength: 20 },
  )
  .map((pairs) => `?${new URLSearchParams(pairs).toString()}`);

describe('parseQuery + evaluateQuery over hostile links (fast-check)', () => {
  it('never throw; keep only in-range values; bounded notices; finite figures or a stated reason', () => {
    fc.assert(
      fc.property(hostileQuery, (search) => {
        const parsed = parseQuery(search, choices);
        for (const { key, param, rule } of QUERY_PARAMS) {
          const value = parsed.query[key];
          if (value === undefined) continue;
          if (rule.kind === 'number') {
            expect(parseFlagValue(NUMERIC_FLAGS[param]!, String(value))).toBe(value);
          } else expect(choices[rule.of]).toContain(value);
        }
        expect(parsed.query.sets.length).toBeLessThanOrEqual(MAX_SETS);
        expect(parsed.notices.length).toBeLessThanOrEqual(QUERY_PARAMS.length + 8);
        for (const line of parsed.notices) expect(line.length).toBeLessThan(400);
        const evaluation = evaluateQuery(parsed.query);
        if (evaluation.result) expect(nonFiniteOutputs(evaluation.result)).toEqual([]);
        else expect(evaluation.error).toMatch(/^Not computed: /);
        for (const line of [...evaluation.problems, ...evaluation.droppedSets])
          expect(line.length).toBeLessThan(600);
      }),
      { numRuns: 300 },
    );
  });

  it('the issue’s values: each refused by name, the defaults used', () => {
    const parsed = parseQuery(
      '?gpus=0x10&batch=1e308&context=99999999999999999999&gpu-hour=1e308&api-price=1e-320&your-gpu-memory=1e-320&set.hardware.gpuBandwidthBps=1e-320',
      choices,
    );
    expect(parsed.query).toEqual({ sets: [['hardware.gpuBandwidthBps', '1e-320']] });
    expect(parsed.localMemoryGb).toBeUndefined();
    expect(parsed.notices.join('\n')).toMatch(
      /“gpus=0x10” is not valid \(expected an integer from 1 to 1,024\)/,
    );
    const evaluation = evaluateQuery(parsed.query);
    expect(evaluation.droppedSets[0]).toMatch(
      /^“set\.hardware\.gpuBandwidthBps=1e-320” ignored: invalid value '1e-320' for hardware\.gpuBandwidthBps: expected a number from 1,000 to 1e15 B\/s\.$/,
    );
    expect(evaluation.result).not.toBeNull();
  });

  it('TP that does not divide the node or the heads is not computed, with the reason', () => {
    const evaluation = evaluateQuery(parseQuery('?gpus=8&tp=3', choices).query);
    expect(evaluation.result).toBeNull();
    // in the CLI’s words for the same flags (issue 20: one validation for both)
    expect(evaluation.problems.join(' ')).toMatch(/^--tp 3: must divide the GPUs per node \(8\)/);
  });
});
