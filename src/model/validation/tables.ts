// The generated tables of docs/validation.md: the kernel efficiencies and the engine profiles with their
// sources, each engine's fit and held-out rows, the summary lines, every published measurement against the
// model's prediction at its engine profile, and ridgeline's side of the llm-analysis / LLM-Viewer
// cross-checks.
// scripts/validation-tables.ts writes them between the markers; tests/unit/model/validation.test.ts fails
// when the document and the engine disagree.

import { kvBytesPerToken } from '../architecture/kvCache.ts';
import { paramsByGroup } from '../architecture/params.ts';
import {
  type Efficiencies,
  type EngineCosts,
  KERNEL_EFFICIENCY_SOURCES,
  NO_ENGINE_COSTS,
} from '../physics/efficiencies.ts';
import { weightBytesPerGpu } from '../physics/memory.ts';
import { decodeShape, prefillShape, timeStep } from '../physics/step.ts';
import type { ScenarioChoice } from '../presets/choice.ts';
import { ENGINE_PROFILES } from '../presets/engines.ts';
import { buildScenarioInputs } from '../scenario/buildScenario.ts';
import { defaultInputs } from '../scenario/inputDefaults.ts';
import { servedScenario } from '../scenario/servedModel.ts';
import { rowRatios, stepModelMeasurements, summarise, summaryLine } from './accuracy.ts';
import { engineOf, engineRows, fittedEngines, fittedKeys } from './calibration.ts';
import { type MeasuredMetric, PUBLISHED_MEASUREMENTS } from './measurements.ts';
import { needsLoadSimulation, type PublishedMeasurement } from './measurementTypes.ts';
import { predictMeasurement } from './predict.ts';

export const TABLE_MARKERS = {
  efficiencies: ['<!-- efficiencies:start -->', '<!-- efficiencies:end -->'],
  engines: ['<!-- engines:start -->', '<!-- engines:end -->'],
  calibration: ['<!-- calibration:start -->', '<!-- calibration:end -->'],
  summary: ['<!-- summary:start -->', '<!-- summary:end -->'],
  measurements: ['<!-- measurements:start -->', '<!-- measurements:end -->'],
  crossCheck: ['<!-- cross-check:start -->', '<!-- cross-check:end -->'],
} as const;

/** The kernel efficiencies' defaults and where each comes from. */
export function efficiencyRows(): string[] {
  return [
    '| efficiency | default | source |',
    '| --- | --- | --- |',
    ...Object.entries(KERNEL_EFFICIENCY_SOURCES).map(
      ([key, entry]) => `| ${key} | ${entry.value} | ${entry.source} |`,
    ),
  ];
}

/** A cost as people read it: µs or ms for times, GB/s for a stream rate, a share as is. */
function costText(key: keyof EngineCosts, value: number): string {
  if (key === 'hostOverlap' || key === 'attentionKernelScale') return String(value);
  if (key === 'streamBytesPerSecondPerUnit')
    return value === 0 ? 'none' : `${sig(value / 1e9, 3)} GB/s per SM`;
  if (value === 0) return '0';
  return value >= 1e-3 ? `${sig(value * 1e3, 3)} ms` : `${sig(value * 1e6, 3)} µs`;
}

/** Each engine profile's costs (fitted ones marked) and how many of its rows fit them and check them. */
export function engineProfileRows(): string[] {
  const keys = Object.keys(NO_ENGINE_COSTS) as (keyof EngineCosts)[];
  const rows = [
    `| engine | ${keys.join(' | ')} | rows fit / held out |`,
    `| --- | ${keys.map(() => '---').join(' | ')} | --- |`,
  ];
  for (const profile of ENGINE_PROFILES) {
    const fitted = new Set<string>(fittedKeys(profile.id));
    const { fit, heldOut } = engineRows(profile.id);
    const cells = keys.map((key) => {
      const value = profile.costs[key].value;
      return `${costText(key, value)}${fitted.has(key) ? ' (fit)' : ''}`;
    });
    rows.push(`| ${profile.id} | ${cells.join(' | ')} | ${fit.length} / ${heldOut.length} |`);
  }
  rows.push('', '| engine | cost | source |', '| --- | --- | --- |');
  for (const profile of ENGINE_PROFILES) {
    for (const key of keys) {
      const { source } = profile.costs[key];
      if (source.startsWith('as the ')) continue;
      rows.push(`| ${profile.id} | ${key} | ${source} |`);
    }
  }
  return rows;
}

/** Per engine: how its fit rows and its held-out rows land, and the blog's load test row by row. */
export function calibrationRows(): string[] {
  const rows = ['| engine | fit rows | held-out rows |', '| --- | --- | --- |'];
  for (const engine of fittedEngines()) {
    const { fit, heldOut } = engineRows(engine);
    const line = (set: readonly PublishedMeasurement[]) => {
      const s = summarise(rowRatios(set));
      return `${s.count}: median ×${Math.exp(s.medianAbsLog).toFixed(2)}, within 1.5× ${Math.round(s.within15 * 100)} %, worst ×${s.worst ? Math.exp(Math.abs(Math.log(s.worst.ratio))).toFixed(2) : '—'}`;
    };
    rows.push(`| ${engine} | ${line(fit)} | ${line(heldOut)} |`);
  }
  rows.push(
    '',
    '| the blog’s load test (vllm-blog) | measured | model | model ÷ measured − 1 |',
    '| --- | --- | --- | --- |',
  );
  for (const m of PUBLISHED_MEASUREMENTS.filter(
    (x) => x.source.series === 'blog' && !needsLoadSimulation(x),
  )) {
    const p = predictMeasurement(m);
    const { scale, unit, digits } = UNITS[m.metric];
    const model = p.predicted === null ? '—' : `${sig(p.predicted * scale, digits)} ${unit}`;
    const residual = p.predicted === null ? '—' : `${((p.predicted / m.value - 1) * 100).toFixed(1)} %`;
    rows.push(
      `| ${m.scenario}${m.calibration ? ' (fit)' : ''} | ${sig(m.value * scale, digits)} ${unit} | ${model} | ${residual} |`,
    );
  }
  return rows;
}

/** The summary lines: every row the step model predicts, the held-out rows, the fit rows. */
export function summaryRows(): string[] {
  const rows = rowRatios(stepModelMeasurements());
  const load = PUBLISHED_MEASUREMENTS.filter(needsLoadSimulation);
  return [
    `- ${summaryLine('All rows', summarise(rows))}.`,
    `- ${summaryLine('Held out of every fit', summarise(rows.filter((r) => !r.fit)))}.`,
    `- ${summaryLine('Fit rows', summarise(rows.filter((r) => r.fit)))}.`,
    `- Not in these lines: TTFT measured under load, predicted by the serving simulator re-running each row's load test on the step model (src/model/serving): ${load
      .map((m) => {
        const p = predictMeasurement(m);
        return `${m.id} ×${p.ratio === null ? '—' : p.ratio.toFixed(2)}`;
      })
      .join(', ')} (measured ÷ simulated).`,
  ];
}

const UNITS: Readonly<Record<MeasuredMetric, { scale: number; unit: string; digits: number }>> = {
  stepSeconds: { scale: 1e3, unit: 'ms per token', digits: 3 },
  perStreamTps: { scale: 1, unit: 'tok/s per stream', digits: 3 },
  ttftSeconds: { scale: 1, unit: 's TTFT', digits: 3 },
  prefillTps: { scale: 1, unit: 'prefill tok/s', digits: 3 },
  outputTps: { scale: 1, unit: 'output tok/s (instance)', digits: 3 },
};

const sig = (value: number, digits: number) => Number(value.toPrecision(digits)).toLocaleString('en-US');

/** One markdown row per published measurement. */
export function measurementRows(): string[] {
  const header = [
    '| id | engine | source | scenario | measured | ridgeline | measured ÷ ridgeline |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  const rows = PUBLISHED_MEASUREMENTS.map((m) => {
    const { scale, unit, digits } = UNITS[m.metric];
    const p = predictMeasurement(m);
    const source = m.source.url
      ? `[${m.source.publisher}](${m.source.url}), ${m.source.date}`
      : `${m.source.publisher}, “${m.source.title}”, ${m.source.date}`;
    const predicted = p.predicted === null ? `— (${p.reason})` : sig(p.predicted * scale, digits);
    const ratio = p.ratio === null ? '—' : p.ratio.toFixed(2);
    const flag = m.calibration ? ' (fit)' : needsLoadSimulation(m) ? ' (load)' : '';
    const assumed = m.assumed ? ` Assumed: ${m.assumed}.` : '';
    return `| ${m.id}${flag} | ${engineOf(m)} | ${source} | ${m.scenario}.${assumed} | ${sig(m.value * scale, digits)} ${unit} | ${predicted} | ${ratio} |`;
  });
  return [...header, ...rows];
}

/** Kernel shares 1 and no per-step costs: what the roofs alone allow, as the other tools compute it. */
const RAW: Efficiencies = {
  gemvBandwidthShare: 1,
  attentionBandwidthShare: 1,
  gemmPeakShare: 1,
  attentionPeakShare: 1,
  linkBandwidthShare: 1,
  kernelRampSeconds: 0,
  ...NO_ENGINE_COSTS,
};

interface CrossCheckLine {
  readonly quantity: string;
  readonly unit: string;
  /** scale from SI to the unit shown */
  readonly scale: number;
  readonly ridgeline: (read: CrossCheckReading) => number;
  /** the tools' values as run (docs/validation.md says how); null where the tool has no such figure */
  readonly llmAnalysis: number | null;
  readonly llmViewer: number | null;
  /** why the values differ where they do */
  readonly why: string;
}

interface CrossCheckReading {
  readonly groups: ReturnType<typeof paramsByGroup>;
  readonly weightBytesPerGpu: number;
  readonly kvBytesPerToken: number;
  readonly decodeSeconds: number;
  readonly op: (name: string) => number;
  readonly prefillFlops: number;
}

const paramsWithoutInputEmbedding = (r: CrossCheckReading) =>
  r.groups.attention + r.groups.denseFfn + r.groups.lmHead + r.groups.normsRouter;
const attentionSeconds = (r: CrossCheckReading) =>
  r.op('attention.qkv_proj') + r.op('attention.core') + r.op('attention.out_proj');

const WHY = {
  params:
    'same count; llm-analysis counts one vocabulary matrix (shared embedding), LLM-Viewer leaves out the norms',
  kv: 'same',
  ffn: 'same bytes at the same bandwidth',
  prefill:
    'llm-analysis and LLM-Viewer charge the LM head for every prompt token (ridgeline: the last position only) and the full, unmasked attention matrix (ridgeline: the causal half)',
} as const;

/** The lines both scenarios have, with the tools' values for the scenario. */
const paramsLine = (llmAnalysis: number, llmViewer: number): CrossCheckLine => ({
  quantity: 'parameters without the input embedding',
  unit: 'B',
  scale: 1e-9,
  ridgeline: paramsWithoutInputEmbedding,
  llmAnalysis,
  llmViewer,
  why: WHY.params,
});
const kvLine = (bytes: number): CrossCheckLine => ({
  quantity: 'KV bytes per token',
  unit: 'B',
  scale: 1,
  ridgeline: (r) => r.kvBytesPerToken,
  llmAnalysis: bytes,
  llmViewer: bytes,
  why: WHY.kv,
});
const ffnLine = (llmAnalysis: number): CrossCheckLine => ({
  quantity: '… of which the FFN',
  unit: 'ms',
  scale: 1e3,
  ridgeline: (r) => r.op('ffn.dense'),
  llmAnalysis,
  llmViewer: null,
  why: WHY.ffn,
});
const prefillLine = (llmAnalysis: number, llmViewer: number): CrossCheckLine => ({
  quantity: 'prefill FLOP of 2,048 tokens (all GPUs)',
  unit: 'TFLOP',
  scale: 1e-12,
  ridgeline: (r) => r.prefillFlops,
  llmAnalysis,
  llmViewer,
  why: WHY.prefill,
});
const weightsLine = (llmAnalysis: number, llmViewer: number | null, why: string): CrossCheckLine => ({
  quantity: 'weight bytes per GPU',
  unit: 'GB',
  scale: 1e-9,
  ridgeline: (r) => r.weightBytesPerGpu,
  llmAnalysis,
  llmViewer,
  why,
});
const decodeLine = (llmAnalysis: number, llmViewer: number | null, why: string): CrossCheckLine => ({
  quantity: 'B=1 decode step at raw bandwidth',
  unit: 'ms',
  scale: 1e3,
  ridgeline: (r) => r.decodeSeconds,
  llmAnalysis,
  llmViewer,
  why,
});

export const CROSS_CHECK_SCENARIOS: readonly {
  readonly id: string;
  readonly choice: ScenarioChoice;
  readonly lines: readonly CrossCheckLine[];
}[] = [
  {
    id: 'Llama-3.1-70B BF16, 8×H100 TP8, B=1, 2,048 tokens',
    choice: {
      modelId: 'llama-3.1-70b',
      gpuId: 'h100-sxm',
      weights: 'bf16',
      kv: 'bf16',
      tp: 8,
      batch: 1,
      context: 2048,
    },
    lines: [
      paramsLine(69.503033344, 69.501714432),
      weightsLine(
        17.378052096,
        null,
        'llm-analysis ties the LM head to the embedding; Llama 3.1 70B does not (+1.05 B params = +0.263 GB per GPU); LLM-Viewer has no TP',
      ),
      kvLine(327_680),
      decodeLine(
        7.074439,
        null,
        'llm-analysis reads the whole input-embedding slice each token (0.635 ms; ridgeline one row), counts the KV cache twice (0.050 ms for 84 MB), reads no LM-head weights (ridgeline 0.078 ms) and charges each all-reduce at least 8 µs where ridgeline takes NCCL’s ring at 34 µs (next rows): 7.074 − 0.635 − 0.025 + 0.078 + (5.45 − 1.28) = 10.66 ms; the rest is the activations',
      ),
      ffnLine(4.206995),
      {
        quantity: '… of which attention (projections and KV)',
        unit: 'ms',
        scale: 1e3,
        ridgeline: attentionSeconds,
        llmAnalysis: 0.901609,
        llmViewer: null,
        why: 'ridgeline also reads the 2,048-token KV cache (0.025 ms) and writes q/k/v activations',
      },
      {
        quantity: '… of which the TP all-reduce',
        unit: 'ms',
        scale: 1e3,
        ridgeline: (r) => r.op('comm.tp_allreduce'),
        llmAnalysis: 1.28,
        llmViewer: null,
        why: 'ridgeline: the ring’s bytes plus NCCL’s ring latency by GPU count (nccl-tests: 6 µs a call + 2 µs a step, 14 steps at TP8 = 34 µs, 160 calls); llm-analysis: the larger of the bytes’ time and 8 µs. Serving engines run a one-shot all-reduce instead (vLLM 9.9 µs, TensorRT-LLM’s kernel 5.9 µs at TP8: the engine profiles)',
      },
      prefillLine(295.674138591232, 291.503165407232),
    ],
  },
  {
    id: 'Llama-3.1-8B BF16, 1×A100-80GB, B=1, 2,048 tokens',
    choice: {
      modelId: 'llama-3.1-8b',
      gpuId: 'a100-80gb',
      weights: 'bf16',
      kv: 'bf16',
      gpusPerNode: 1,
      batch: 1,
      context: 2048,
    },
    lines: [
      paramsLine(7.504924672, 7.504658432),
      weightsLine(
        15.009849344,
        15.009316864,
        'ridgeline holds the input embedding and the untied LM head (+1.05 GB); the tools count one vocabulary matrix',
      ),
      kvLine(131_072),
      decodeLine(
        7.629264,
        7.896077,
        'llm-analysis reads the embedding table (0.515 ms) instead of the LM head (0.516 ms) and counts the 0.27 GB KV cache twice (0.263 ms; ridgeline 0.132 ms); LLM-Viewer’s fused attention reads K and V once per query head (1.07 GB) where GQA reads them once per KV head (0.27 GB)',
      ),
      ffnLine(5.529773),
      {
        quantity: '… of which the LM head',
        unit: 'ms',
        scale: 1e3,
        ridgeline: (r) => r.op('lm_head'),
        llmAnalysis: null,
        llmViewer: 0.515136,
        why: 'same weights; LLM-Viewer counts one FLOP per multiply-add here',
      },
      prefillLine(32.938104193024, 30.813157588992),
    ],
  },
];

function reading(choice: ScenarioChoice): CrossCheckReading {
  const inputs = buildScenarioInputs(defaultInputs(), choice);
  inputs.projection.efficiency = { ...RAW };
  const served = servedScenario(inputs);
  if ('problems' in served) throw new Error(served.problems[0]);
  const { arch, plan, layout } = served.model;
  const decode = timeStep(served, decodeShape(1, 2048));
  const prefill = timeStep(served, prefillShape(2048, 0));
  return {
    groups: paramsByGroup(arch),
    weightBytesPerGpu: weightBytesPerGpu(arch, plan, layout),
    kvBytesPerToken: kvBytesPerToken(arch, 2),
    decodeSeconds: decode.seconds,
    op: (name) => decode.ops.find((o) => o.name === name)?.seconds ?? 0,
    prefillFlops: prefill.flops * layout.tp,
  };
}

const fmt = (value: number | null) =>
  value === null
    ? '—'
    : Number.isInteger(value)
      ? value.toLocaleString('en-US')
      : Number(value.toPrecision(5)).toLocaleString('en-US');
const ratio = (a: number, b: number | null) => (b === null ? '—' : (a / b).toFixed(3));

/** ridgeline against llm-analysis and LLM-Viewer for the two cross-check scenarios, at raw roofs. */
export function crossCheckRows(): string[] {
  const rows = [
    '| scenario | quantity | ridgeline | llm-analysis | LLM-Viewer | ridgeline ÷ llm-analysis | ridgeline ÷ LLM-Viewer | why they differ |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const scenario of CROSS_CHECK_SCENARIOS) {
    const r = reading(scenario.choice);
    for (const line of scenario.lines) {
      const value = line.ridgeline(r) * line.scale;
      rows.push(
        `| ${scenario.id} | ${line.quantity} (${line.unit}) | ${fmt(value)} | ${fmt(line.llmAnalysis)} | ${fmt(line.llmViewer)} | ${ratio(value, line.llmAnalysis)} | ${ratio(value, line.llmViewer)} | ${line.why} |`,
      );
    }
  }
  return rows;
}

/**
 * The text with every table row's cells trimmed: biome formats the document's tables into padded columns,
 * the engine writes them plain, and the two say the same thing.
 */
export function unpaddedTables(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .map((cell) => cell.trim().replace(/^-+$/, '---'))
            .join('|')
        : line,
    )
    .join('\n');
}

/** The document with every generated block replaced. */
export function withTables(document: string): string {
  let out = document;
  for (const [key, rows] of [
    ['efficiencies', efficiencyRows()],
    ['engines', engineProfileRows()],
    ['calibration', calibrationRows()],
    ['summary', summaryRows()],
    ['measurements', measurementRows()],
    ['crossCheck', crossCheckRows()],
  ] as const) {
    const [start, end] = TABLE_MARKERS[key];
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`docs/validation.md has no ${start} … ${end} block`);
    out = `${out.slice(0, from + start.length)}\n${rows.join('\n')}\n${out.slice(to)}`;
  }
  return out;
}
