// `npm run bench:model`: median wall time of one full recompute of the projection (the napkin chain
// F1–F67, diagnostics, economics and the B = 1…512 batch sweep), the work the page redoes on every slider
// movement. Target: under 1 ms on this machine's CPU (issue 2). Prints numbers; never fails on speed.
import { reportFailure } from '../src/cli/failure.ts';
import { UsageError } from '../src/cli/usage.ts';
import { evaluateScenario } from '../src/model/evaluate.ts';
import { clipForMessage } from '../src/model/inputPaths.ts';
import { defaultInputs, setInputPath } from '../src/model/inputs.ts';

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
    `${label.padEnd(44)} median ${(median * 1e3).toFixed(1)} µs  p10 ${(quantile(times, 0.1) * 1e3).toFixed(1)} µs  p90 ${(quantile(times, 0.9) * 1e3).toFixed(1)} µs  (${SAMPLES} runs, ${sink > 0 ? 'ok' : 'no output'})`,
  );
  return median;
}

const base = defaultInputs();
const recompute = measure('evaluateScenario (chain + sweep 1…512)', () => evaluateScenario(base));
// What a slider does: change one input (a validated copy), then recompute.
const slider = measure('setInputPath + evaluateScenario', (i) =>
  evaluateScenario(setInputPath(base, 'empirical.mbuMeasured', 0.1 + (i % 10) / 100)),
);
const worst = Math.max(recompute, slider);
console.log(
  `median full recompute: ${(recompute * 1e3).toFixed(1)} µs — target < 1000 µs: ${worst < 1 ? 'met' : 'NOT met'}`,
);
