// `npm run bench:model`: median wall time of one full recompute of the projection — the blog's napkin
// (F1–F67, diagnostics) and ridgeline's per-operator model: its memory plan, the decode curve B = 1…512,
// the operators of the chosen step and of the prefill, TTFT, the TP variants, economics and fleet — the
// work the page redoes on every slider movement. Target: under 1 ms on this machine's CPU (issues 2 and
// 11). Prints numbers; never fails on speed.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { reportFailure } from '../src/cli/failure.ts';
import { UsageError } from '../src/cli/usage.ts';
import { evaluateScenario } from '../src/model/evaluate.ts';
import { evaluateLoad } from '../src/model/evaluateLoad.ts';
import { decodeShape, prefillShape, timeStep } from '../src/model/physics/step.ts';
import { project } from '../src/model/project.ts';
import { buildScenarioInputs } from '../src/model/scenario/buildScenario.ts';
import { defaultInputs } from '../src/model/scenario/inputDefaults.ts';
import { setInputPath } from '../src/model/scenario/inputPaths.ts';
import { servedScenario } from '../src/model/scenario/servedModel.ts';
import { loadPlan, simulateLevel } from '../src/model/serving/loadSweep.ts';
import { clipForMessage } from '../src/model/text/plainText.ts';

// It takes no options: anything given is a mistake, said in one line (exit 2) rather than ignored.
const given = process.argv.slice(2);
if (given.length > 0) {
  process.exitCode = reportFailure(
    new UsageError(`bench:model takes no options (got '${clipForMessage(given[0] ?? '')}')`),
  );
  process.exit();
}

const WARMUP = 300;
const SAMPLES = 3000;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function measure(label: string, run: (i: number) => unknown): number {
  for (let i = 0; i < WARMUP; i++) run(i);
  const times: number[] = [];
  let sink = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    const out = run(i);
    times.push(performance.now() - start);
    if (out) sink++;
  }
  times.sort((a, b) => a - b);
  const median = quantile(times, 0.5);
  console.log(
    `${label.padEnd(50)} median ${(median * 1e3).toFixed(1)} µs  p10 ${(quantile(times, 0.1) * 1e3).toFixed(1)} µs  p90 ${(quantile(times, 0.9) * 1e3).toFixed(1)} µs  (${SAMPLES} runs, ${sink > 0 ? 'ok' : 'no output'})`,
  );
  return median;
}

const base = defaultInputs();
const recompute = measure('evaluateScenario (napkin + model + sweep)', () => evaluateScenario(base));
// What a slider does: change one input (a validated copy), then recompute.
const slider = measure('setInputPath + evaluateScenario', (i) =>
  evaluateScenario(setInputPath(base, 'scenario.batch', 1 + (i % 64))),
);
// The parts of ridgeline's model on their own: the projection, and one step's operators timed.
measure('project (model: memory, curve, TTFT, TP, fleet)', () => project(base));
const served = servedScenario(base);
if (!('problems' in served)) {
  measure('timeStep: decode operators at B=16', (i) => timeStep(served, decodeShape(16, 80_000 + i)));
  measure('timeStep: prefill chunk operators', (i) => timeStep(served, prefillShape(8192, 71_000 + i)));
}
// Another model on another node (dense GQA, TP8 on H100): the same work, no MoE
const llama = buildScenarioInputs(base, { modelId: 'llama-3.1-70b', gpuId: 'h100-sxm' });
const other = measure('evaluateScenario, Llama-3.1-70B on 8×H100', () => evaluateScenario(llama));
const worst = Math.max(recompute, slider, other);
console.log(
  `median full recompute (napkin + model + sweep + operators): ${(recompute * 1e3).toFixed(1)} µs, worst of the three scenarios ${(worst * 1e3).toFixed(1)} µs — target < 1000 µs: ${worst < 1 ? 'met' : 'NOT met'}`,
);

// ── the load simulation (issue 19) ──────────────────────────────────────────────────────────────────
const LOAD_RUNS = 11;
function medianOf(label: string, runs: number, run: () => string): number {
  const times: number[] = [];
  let detail = '';
  for (let i = 0; i < runs + 1; i++) {
    const start = performance.now();
    detail = run();
    // the first run warms the JIT up and is not counted
    if (i > 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = quantile(times, 0.5);
  console.log(
    `${label.padEnd(50)} median ${median.toFixed(1)} ms  min ${(times[0] ?? 0).toFixed(1)} ms  max ${(times.at(-1) ?? 0).toFixed(1)} ms  (${runs} runs; ${detail})`,
  );
  return median;
}
const sweep = medianOf("load sweep: the blog scenario's levels", LOAD_RUNS, () => {
  const plan = loadPlan(base);
  if ('problems' in plan) throw new UsageError(`the blog scenario cannot run: ${plan.problems[0]}`);
  const points = plan.workload.levels.map((_, i) => simulateLevel(plan, i));
  const requests = points.reduce((sum, p) => sum + p.simulatedRequests, 0);
  return `${points.length} levels, ${requests} requests simulated, ${plan.workload.requests} measured`;
});
medianOf('load projection: sweep + open-loop fleet per tier', 5, () => {
  const load = evaluateLoad(base);
  return 'problems' in load ? (load.problems[0] ?? '') : `SLA pick ${load.sla.concurrency} streams`;
});
const cli = medianOf('ridgeline project --load (a child process)', 3, () => {
  const run = spawnSync(process.execPath, ['bin/ridgeline.mjs', 'project', '--load'], {
    cwd: resolve(import.meta.dirname, '..'),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`ridgeline project --load failed: ${run.stderr}`);
  return `${run.stdout.split('\n').length} lines`;
});
console.log(
  `load sweep median ${sweep.toFixed(0)} ms — target < 300 ms: ${sweep < 300 ? 'met' : 'NOT met'}; ridgeline project --load median ${(cli / 1000).toFixed(2)} s — target < 2 s: ${cli < 2000 ? 'met' : 'NOT met'}`,
);
