// The explorer's config.json model: it travels in the link as its architecture's fields (arch.*), checked
// against their ranges when a link is opened; set.model.* edits the architecture or is refused with a
// reason, as on the CLI.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { encodeConfigModel, modelFromConfigText } from '../../../src/model/presets/configModel.ts';
import { evaluateQuery, queryChoices } from '../../../src/ui/explorer/evaluation.ts';
import { modelSummaryText } from '../../../src/ui/explorer/modelConfig.ts';
import { cliArgs, parseQuery, queryString } from '../../../src/ui/explorer/urlState.ts';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/hf-configs');
const loaded = (file: string) => modelFromConfigText(readFileSync(resolve(fixtures, file), 'utf8')).model;
const choices = queryChoices();

describe('a config.json model in the link', () => {
  for (const file of [
    'nvidia--Kimi-K2.6-NVFP4.json',
    'openai--gpt-oss-120b.json',
    'google--gemma-3-12b-it.json',
  ]) {
    it(`${file}: written as arch.* fields and read back to the same model`, () => {
      const model = loaded(file);
      const first = evaluateQuery({ model: 'config', configModel: model, sets: [] });
      expect(first.error).toBeNull();
      const search = queryString(first.query);
      expect(search).toContain('model=config');
      expect(search).toContain(`arch.hiddenSize=${model.architecture.hiddenSize}`);
      // the raw file is not in the link
      expect(search).not.toContain('model_type');
      const parsed = parseQuery(search, choices);
      expect(parsed.notices).toEqual([]);
      expect(parsed.query.configModel).toEqual(model);
      const reopened = evaluateQuery(parsed.query);
      expect(reopened.inputs?.modelArchitecture).toEqual(model.architecture);
      expect(reopened.result?.figures['model.total_params']?.value).toBe(
        first.result?.figures['model.total_params']?.value,
      );
      expect(cliArgs(reopened.query).join(' ')).toContain('--model-config config.json');
    });
  }

  it('bounds are checked on open: a field out of range falls back to the default model, naming it', () => {
    const search = queryString(
      evaluateQuery({ model: 'config', configModel: loaded('Qwen--Qwen3-8B.json'), sets: [] }).query,
    );
    for (const [field, bad] of [
      ['hiddenSize', '0'],
      ['numLayers', '1e9'],
      ['headDim', 'NaN'],
      ['qkNorm', 'yes'],
      ['attention', 'linear'],
      ['context', '-5'],
    ] as const) {
      const parsed = parseQuery(
        search.replace(new RegExp(`arch\\.${field}=[^&]*`), `arch.${field}=${bad}`),
        choices,
      );
      expect(parsed.query.model, field).toBeUndefined();
      expect(parsed.query.configModel, field).toBeUndefined();
      expect(parsed.notices.join(' '), field).toMatch(
        new RegExp(`“model=config” is not valid \\(arch\\.${field}`),
      );
    }
    const missing = parseQuery(search.replace(/&arch\.numKvHeads=[^&]*/, ''), choices);
    expect(missing.notices.join(' ')).toMatch(/arch\.numKvHeads is missing/);
    const contradictory = parseQuery(search.replace(/arch\.numKvHeads=[^&]*/, 'arch.numKvHeads=5'), choices);
    expect(contradictory.notices.join(' ')).toMatch(/numKvHeads \(5\) must divide numHeads \(32\)/);
  });

  it('arch.* without model=config is ignored with a notice; a hostile label stays one plain line', () => {
    expect(parseQuery('?model=kimi-k2.6&arch.hiddenSize=7', choices).notices.join(' ')).toMatch(
      /read only with model=config: ignored/,
    );
    const model = { ...loaded('Qwen--Qwen3-8B.json'), displayName: 'x' };
    const search = queryString(
      evaluateQuery({ model: 'config', configModel: model, sets: [] }).query,
    ).replace('arch.name=x', `arch.name=${encodeURIComponent('<img src=x onerror=alert(1)>\u202e\nevil')}`);
    const parsed = parseQuery(search, choices);
    expect(parsed.query.configModel?.displayName).toBe('<img src=x onerror=alert(1)>  evil');
    expect(encodeConfigModel(parsed.query.configModel!)[0]?.[1]).not.toMatch(/[\n\u202e]/);
  });
});

describe('set.model.* in the explorer', () => {
  it('edits the architecture; the editor’s default is the unedited model', () => {
    const evaluation = evaluateQuery({ model: 'llama-3.1-8b', sets: [['model.numLayers', '16']] });
    expect(evaluation.droppedSets).toEqual([]);
    expect(evaluation.inputs?.modelArchitecture.numLayers).toBe(16);
    expect(evaluation.inputs?.model.numLayers).toBe(16);
    expect(evaluation.baseInputs?.model.numLayers).toBe(32);
    expect(evaluation.query.sets).toEqual([['model.numLayers', '16']]);
    expect(evaluation.model?.displayName).toMatch(/edited: numLayers 16/);
  });

  it('refuses an edit that does not apply as the CLI refuses it (issue 20: one validation), naming it', () => {
    const refusedBy = (sets: [string, string][]) => evaluateQuery({ model: 'llama-3.1-8b', sets });
    const mla = refusedBy([
      ['model.kvLoraRank', '256'],
      ['model.numLayers', '16'],
    ]);
    expect(mla.result).toBeNull();
    expect(mla.refusal?.path).toBe('model.kvLoraRank');
    expect(mla.refusal?.line).toMatch(/^--set model\.kvLoraRank=256: .*kvLoraRank is MLA's/);
    const stated = refusedBy([
      ['model.numLayers', '16'],
      ['model.totalParams', '2e12'],
    ]);
    expect(stated.refusal?.line).toMatch(
      /^--set model\.totalParams=2e12: model\.totalParams is counted from/,
    );
    // the edits that apply are kept
    expect(refusedBy([['model.numLayers', '16']]).inputs?.modelArchitecture.numLayers).toBe(16);
  });

  it('the counts beside the picker', () => {
    const text = modelSummaryText(evaluateQuery({ model: 'gpt-oss-120b', sets: [] }));
    expect(text).toMatch(
      /^117 B parameters, 5\.13 B active per token \(5\.71 B with the input embedding\) · KV [\d.]+ kB\/token \(FP8\), [\d.]+ kB\/token past the 128-token window of 18 of 36 layers$/,
    );
  });
});
