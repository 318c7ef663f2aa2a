// `ridgeline project --model-config FILE` and `--set model.*` (issue 18): any model from its config.json,
// its parameter counts and KV bytes per token printed; an edit of the model changes the architecture
// everything is computed from, or is refused naming the edit; never stored and ignored.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { printProjectJson } from '../../src/cli/printers/projectJson.ts';
import { printProjectTable } from '../../src/cli/printers/projectTable.ts';
import { parseProjectArgs } from '../../src/cli/projectArgs.ts';
import { type ProjectOutcome, projectScenario } from '../../src/cli/projectScenario.ts';
import { UsageError } from '../../src/cli/usage.ts';
import { activeParams, totalParams } from '../../src/model/architecture/index.ts';
import { INPUT_PATHS } from '../../src/model/scenario/inputPaths.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string) => resolve(repoRoot, 'tests/fixtures/hf-configs', name);

const project = (args: readonly string[]): ProjectOutcome => projectScenario(parseProjectArgs(args));

function refusal(args: readonly string[]): string {
  try {
    project(args);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`not refused: ${args.join(' ')}`);
}

describe('--model-config FILE', () => {
  const files = [
    'meta-llama--Meta-Llama-3.1-8B.json',
    'Qwen--Qwen2-72B-Instruct.json',
    'Qwen--Qwen3-8B.json',
    'Qwen--Qwen3-30B-A3B.json',
    'mistralai--Mixtral-8x7B-v0.1.json',
    'deepseek-ai--DeepSeek-V3.json',
    'nvidia--Kimi-K2.6-NVFP4.json',
    'openai--gpt-oss-120b.json',
    'hfhugs--gemma-2-9b-it.json',
    'google--gemma-3-12b-it.json',
  ];
  for (const file of files) {
    it(`${file}: a finite projection, its counts in the JSON's model and on the table's third line`, () => {
      const outcome = project(['--model-config', fixture(file), '--gpu', 'h200', '--weights', 'fp8']);
      const doc = JSON.parse(printProjectJson(outcome)) as {
        model: { id: string; totalParams: number; activeParams: number; kvBytesPerToken: number };
        figures: Record<string, number>;
      };
      const arch = outcome.inputs.modelArchitecture;
      expect(doc.model.id).toBe('config');
      expect(doc.model.totalParams).toBe(totalParams(arch));
      expect(doc.model.activeParams).toBe(activeParams(arch));
      expect(doc.model.kvBytesPerToken).toBeGreaterThan(0);
      // the napkin's chain runs on the same model: its total is the architecture's
      expect(doc.figures['model.total_params']).toBe(totalParams(arch));
      // under the header (the --full table wraps its lines at 100 columns: the two joined)
      const table = printProjectTable(outcome).replace(/\n {2}/g, ' ');
      const line = table.split('\n').find((l) => l.startsWith('architecture: ')) ?? '';
      expect(line).toMatch(
        /^architecture: [\d.]+ [MBT] params, [\d.]+ [MBT] params active per token.*; KV [\d.]+ [kM]?B\/token \(FP8\)/,
      );
    });
  }

  it('DeepSeek-V3 from its config projects like the deepseek-v3 preset', () => {
    const fromFile = project(['--model-config', fixture('deepseek-ai--DeepSeek-V3.json')]);
    const preset = project(['--model', 'deepseek-v3']);
    expect(fromFile.inputs.modelArchitecture).toEqual(preset.inputs.modelArchitecture);
    expect(fromFile.result.projection.chosen?.step.seconds).toBe(
      preset.result.projection.chosen?.step.seconds,
    );
  });

  it('refuses a bad file with one line naming the flag, the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ridgeline-config-'));
    const bad = join(dir, 'config.json');
    writeFileSync(bad, JSON.stringify({ model_type: 'llama', hidden_size: 4096 }));
    expect(refusal(['--model-config', bad])).toMatch(
      /^--model-config '.*config\.json': num_hidden_layers is missing/,
    );
    writeFileSync(bad, JSON.stringify({ model_type: 'mamba' }));
    expect(refusal(['--model-config', bad])).toMatch(
      /model_type 'mamba' is not supported: supported are llama/,
    );
    expect(refusal(['--model-config', join(dir, 'absent.json')])).toMatch(/: no such file$/);
    expect(refusal(['--model-config', fixture('Qwen--Qwen3-8B.json'), '--model', 'llama-3.1-8b'])).toBe(
      'give --model ID or --model-config FILE, not both',
    );
  });
});

describe('--set model.* edits the architecture', () => {
  it('model.numLayers=16 on the blog’s Kimi: 16 layers in the per-operator model and in the napkin', () => {
    const base = project([]);
    const edited = project(['--set', 'model.numLayers=16']);
    expect(edited.inputs.modelArchitecture.numLayers).toBe(16);
    expect(edited.inputs.model.numLayers).toBe(16);
    expect(edited.inputs.identity.modelLabel).toMatch(/edited: numLayers 16/);
    // KV per token: 16 of 61 layers
    expect(edited.result.figures['kv.bytes_per_token']?.value).toBeCloseTo(
      ((base.result.figures['kv.bytes_per_token']?.value ?? 0) * 16) / 61,
      3,
    );
    // the per-operator model's step is shorter with a quarter of the layers
    expect(edited.result.projection.chosen?.step.seconds).toBeLessThan(
      (base.result.projection.chosen?.step.seconds ?? 0) * 0.5,
    );
    // no longer the blog's stated 1T: counted from the edited architecture
    expect(edited.result.figures['model.total_params']?.value).toBe(
      totalParams(edited.inputs.modelArchitecture),
    );
    expect(edited.notes.join(' ')).toMatch(/no longer the blog's model/);
  });

  it('on a config-loaded model too', () => {
    const edited = project(['--model-config', fixture('Qwen--Qwen3-8B.json'), '--set', 'model.numLayers=18']);
    expect(edited.inputs.modelArchitecture.numLayers).toBe(18);
  });

  it('refuses what does not apply, naming the edit', () => {
    expect(refusal(['--model', 'llama-3.1-8b', '--set', 'model.kvLoraRank=256'])).toMatch(
      /^--set model\.kvLoraRank=256: .*uses GQA attention.*kvLoraRank is MLA's/,
    );
    expect(refusal(['--model', 'llama-3.1-8b', '--set', 'model.nRoutedExperts=8'])).toMatch(
      /^--set model\.nRoutedExperts=8: .*is dense/,
    );
    expect(refusal(['--model', 'llama-3.1-8b', '--set', 'model.totalParams=2e12'])).toMatch(
      /^--set model\.totalParams=2e12: model\.totalParams is counted from Llama 3\.1 8B's architecture/,
    );
    expect(refusal(['--set', 'model.nRoutedExperts=4'])).toMatch(
      /^--set model\.nRoutedExperts=4: model\.expertsPerToken \(8\) must be <= model\.nRoutedExperts \(4\)/,
    );
    expect(refusal(['--model', 'llama-3.1-8b', '--set', 'model.numAttentionHeads=36'])).toMatch(
      /must be a multiple of Llama 3\.1 8B's 8 KV heads/,
    );
  });

  it('the blog’s stated totals reach the napkin of the blog’s preset, and a note says the model counts its own', () => {
    const outcome = project(['--set', 'model.totalParams=2e12']);
    expect(outcome.result.figures['model.total_params']?.value).toBe(2e12);
    expect(outcome.notes.join(' ')).toMatch(/model\.totalParams is the blog's stated figure/);
  });

  // Every model.* input the CLI accepts, on an MoE/MLA model and a dense GQA one: either something the
  // CLI prints changes, or the edit is refused. Nothing is stored and ignored.
  const VALUES: Readonly<Record<string, string>> = {
    'model.totalParams': '2e12',
    'model.activeParams': '5e10',
    'model.hiddenSize': '4096',
    'model.numAttentionHeads': '16',
    'model.nRoutedExperts': '256',
    'model.nSharedExperts': '2',
    'model.expertsPerToken': '4',
    'model.moeIntermediateSize': '1024',
    'model.expertMatrices': '2',
    'model.numLayers': '16',
    'model.moeLayers': '30',
    'model.kvLoraRank': '256',
    'model.qkRopeHeadDim': '32',
    'model.contextWindowTokens': '20000',
  };
  const modelPaths = INPUT_PATHS.filter((entry) => entry.path.startsWith('model.')).map((e) => e.path);
  const baselines = new Map<string, string>();
  const printed = (outcome: ProjectOutcome) => {
    const doc = JSON.parse(printProjectJson(outcome)) as Record<string, unknown>;
    // notes and labels aside: the numbers a script would read
    return JSON.stringify([doc['figures'], doc['projection'], doc['model']]);
  };
  beforeAll(() => {
    for (const model of ['kimi-k2.6-config', 'llama-3.1-8b'])
      baselines.set(model, printed(project(['--model', model, '--json'])));
  });
  it('covers every model.* input', () => expect(Object.keys(VALUES).sort()).toEqual([...modelPaths].sort()));
  for (const model of ['kimi-k2.6-config', 'llama-3.1-8b']) {
    for (const path of modelPaths) {
      it(`${model}: --set ${path}=${VALUES[path]} changes the output or is refused`, () => {
        const args = ['--model', model, '--json', '--set', `${path}=${VALUES[path]}`];
        let outcome: ProjectOutcome;
        try {
          outcome = project(args);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          expect((error as Error).message).toContain(path);
          return;
        }
        expect(printed(outcome)).not.toBe(baselines.get(model));
      });
    }
  }
});

describe('ridgeline project --model-config as a user runs it', () => {
  const run = (args: readonly string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(
        'node',
        ['bin/ridgeline.mjs', 'project', ...args],
        { cwd: repoRoot },
        (error, stdout, stderr) =>
          done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
  it('a bad config: exit 2, one line on stderr naming the field, nothing on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ridgeline-config-'));
    const bad = join(dir, 'config.json');
    writeFileSync(bad, JSON.stringify({ model_type: 'qwen3', hidden_size: 4096, num_hidden_layers: 36 }));
    const result = await run(['--model-config', bad]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^ridgeline: --model-config '.*': vocab_size is missing/);
  }, 60_000);
});
