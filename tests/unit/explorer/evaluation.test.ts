import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProjectArgs } from '../../../src/cli/projectArgs.ts';
import { projectScenario } from '../../../src/cli/projectScenario.ts';
import { evaluateQuery, queryChoices } from '../../../src/ui/explorer/evaluation.ts';
import { cliArgs, parseQuery } from '../../../src/ui/explorer/urlState.ts';

// The page and the CLI build a scenario the same way: a link and the `ridgeline project` flags of the
// same names give the same inputs and figures (the browser tests check the page itself; this checks the
// pipeline in Node, fast).
const links = [
  '',
  'batch=32',
  'context=32000&weights=fp8',
  'tp=4&batch=8&gpu-hour=4.5&api-price=0.25',
  'model=llama-3.1-70b&gpu=h100-sxm&kv=bf16',
  'model=qwen3-235b-a22b&gpu=h200&weights=fp8&engine=sglang',
  'model=llama-3.1-8b&gpu=rtx-4090&weights=int4&batch=1&context=4096&engine=llamacpp-no-graphs',
  'preset=blog_compat&set.empirical.mbuMeasured=0.13&set.request.outputTokensAvg=1000',
];

describe('evaluateQuery(parseQuery(link)) against projectScenario(the same flags)', () => {
  for (const link of links) {
    it(`?${link}`, () => {
      const page = evaluateQuery(parseQuery(link, queryChoices()).query);
      const args = [...new URLSearchParams(link)].flatMap(([name, value]) =>
        name.startsWith('set.') ? ['--set', `${name.slice(4)}=${value}`] : [`--${name}`, value],
      );
      const cli = projectScenario(parseProjectArgs(args));
      expect(page.problems.filter((p) => !p.startsWith('does not fit'))).toEqual([]);
      expect(page.inputs).toEqual(cli.inputs);
      const figures = page.result?.figures ?? {};
      for (const [id, figure] of Object.entries(cli.result.figures))
        expect(figures[id]?.value, id).toBe(figure.value);
      // and the complete query the page writes back to its URL is again the same scenario
      const again = projectScenario(parseProjectArgs(cliArgs(page.query)));
      expect(again.inputs).toEqual(cli.inputs);
    });
  }

  it('states the engine in the complete query: vLLM by default, the blog’s own for the blog’s model', () => {
    expect(evaluateQuery(parseQuery('', queryChoices()).query).query.engine).toBe('vllm-blog');
    const llama = evaluateQuery(parseQuery('model=llama-3.1-70b&gpu=h100-sxm', queryChoices()).query);
    expect(llama.query.engine).toBe('vllm');
    expect(llama.inputs?.projection.engine).toBe('vllm');
    const bad = parseQuery('engine=tgi', queryChoices());
    expect(bad.query.engine).toBeUndefined();
    expect(bad.notices.join()).toMatch(/engine=tgi.*vllm, vllm-blog, sglang/);
  });

  it('refuses an impossible combination with a line naming it instead of computing', () => {
    const page = evaluateQuery(parseQuery('gpus=2&tp=8', queryChoices()).query);
    expect(page.result).toBeNull();
    // in the CLI's words (`ridgeline project --gpus 2 --tp 8`), beside the TP knob
    expect(page.error).toBe('Not computed: --tp (8) must be <= --gpus (2).');
    expect(page.refusal).toMatchObject({ knob: 'tp', line: '--tp (8) must be <= --gpus (2)' });
  });
});

/** The CLI's flags for a link, as the test above writes them. */
const argsOf = (link: string) =>
  [...new URLSearchParams(link)].flatMap(([name, value]) =>
    name.startsWith('set.') ? ['--set', `${name.slice(4)}=${value}`] : [`--${name}`, value],
  );

/** What `ridgeline project` says of these flags: null when it computes, else its one line. */
function cliRefusal(args: readonly string[]): string | null {
  try {
    projectScenario(parseProjectArgs([...args]));
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('one input validation for the page and the CLI (issue 20)', () => {
  it.each([
    ['kvBytesPerToken=auto on a GQA model', 'model=llama-3.1-70b&set.architecture.kvBytesPerToken=auto'],
    ['more experts per token than routed experts', 'set.model.expertsPerToken=500'],
    ['GPUs per replica above the node', 'set.tp8.gpusPerReplica=16'],
    ['zero prompt tokens', 'set.request.freshTokensAvg=0&set.request.cachedTokensAvg=0'],
    ['a node smaller than the replicas', 'gpus=4&set.hardware.gpusPerNode=2'],
    ['a pass no longer than its overhead', 'set.empirical.fixedOverheadS=1'],
    ['TP above the node', 'gpus=8&tp=16'],
    ['TP above the GPU preset’s node', 'gpu=rtx-4090&tp=2'],
    ['TP that does not divide the heads', 'model=llama-3.1-70b&tp=3'],
  ])('%s: refused with the CLI’s message, blamed on the same input, nothing non-finite', (_, link) => {
    const page = evaluateQuery(parseQuery(link, queryChoices()).query);
    const cli = cliRefusal(argsOf(link));
    expect(cli).not.toBeNull();
    expect(page.result).toBeNull();
    expect(page.refusal).not.toBeNull();
    expect(page.refusal!.line).toBe(cli);
    expect(page.error).toBe(`Not computed: ${cli}.`);
    expect(page.problems[0]).toBe(cli);
    expect([page.error, ...page.problems].join('\n')).not.toMatch(/NaN|Infinity/);
  });

  it('the refusal sits beside the input to blame: its set.<path>, or the knob that owns it', () => {
    const blamed = (link: string) => {
      const { refusal } = evaluateQuery(parseQuery(link, queryChoices()).query);
      return { knob: refusal?.knob, path: refusal?.path, param: refusal?.param };
    };
    expect(blamed('set.tp8.gpusPerReplica=16')).toEqual({
      knob: null,
      path: 'tp8.gpusPerReplica',
      param: 'set.tp8.gpusPerReplica=16',
    });
    expect(blamed('set.request.freshTokensAvg=0&set.request.cachedTokensAvg=0').path).toBe(
      'request.cachedTokensAvg',
    );
    expect(blamed('gpus=4&set.hardware.gpusPerNode=2')).toEqual({
      knob: 'gpus',
      path: 'hardware.gpusPerNode',
      param: 'set.hardware.gpusPerNode=2',
    });
  });

  it('fast-check: for any handful of overrides the page computes what the CLI computes, or refuses as it does', () => {
    const override = fc.oneof(
      fc.tuple(fc.constant('model.expertsPerToken'), fc.constantFrom('1', '8', '384', '500')),
      fc.tuple(fc.constant('model.nRoutedExperts'), fc.constantFrom('8', '384')),
      fc.tuple(fc.constant('tp8.gpusPerReplica'), fc.constantFrom('1', '8', '16')),
      fc.tuple(fc.constant('tp4.gpusPerReplica'), fc.constantFrom('4', '12')),
      fc.tuple(fc.constant('hardware.gpusPerNode'), fc.constantFrom('2', '8')),
      fc.tuple(fc.constant('request.freshTokensAvg'), fc.constantFrom('0', '1000')),
      fc.tuple(fc.constant('request.cachedTokensAvg'), fc.constantFrom('0', '5000')),
      fc.tuple(fc.constant('architecture.kvBytesPerToken'), fc.constantFrom('auto', '70000')),
      fc.tuple(fc.constant('empirical.fixedOverheadS'), fc.constantFrom('0.001', '1')),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(
          '',
          'model=llama-3.1-70b&',
          'gpus=4&',
          'model=mixtral-8x7b&gpu=h100-sxm&',
          'gpus=4&tp=8&',
          'tp=3&',
          'gpus=2&tp=2&',
        ),
        fc.array(override, { maxLength: 4 }),
        (knobs, sets) => {
          const link = `${knobs}${sets.map(([path, value]) => `set.${path}=${value}`).join('&')}`;
          const page = evaluateQuery(parseQuery(link, queryChoices()).query);
          const cli = cliRefusal(argsOf(link));
          if (cli === null) {
            expect(page.refusal, link).toBeNull();
            expect(page.result, link).not.toBeNull();
          } else {
            expect(page.result, link).toBeNull();
            expect(page.refusal?.line, link).toBe(cli);
          }
          expect([page.error ?? '', ...page.problems].join('\n'), link).not.toMatch(/NaN|Infinity/);
        },
      ),
      { numRuns: 150 },
    );
  });
});
