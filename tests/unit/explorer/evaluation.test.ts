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
    expect(page.error).toMatch(/tp \(8\) must be <= the GPUs per node \(2\)/);
  });
});
