// Worked questions for the scenario on screen (issue 23, item 7; after the JAX scaling book's roofline
// chapter, which ends each section with questions and hidden answers): each question names this
// scenario's model and GPU, each answer is computed from ridgeline's model, with the napkin's number
// beside it where the two part. Pure: no DOM (storyView.ts draws them).
import {
  computeBoundBatch,
  decodeIntensityAt,
  decodeStall,
  prefillIntensity,
  ridgeOf,
} from '../../charts/operatingPoints.ts';
import { shortGpuName } from '../../charts/rooflineSeries.ts';
import { stepParts } from '../../model/physics/stepParts.ts';
import { decisionStory, type StoryLine, storySummary } from '../../model/story.ts';
import { count, formatWithUnit, grouped, intensity, percent, seconds } from '../../model/units/format.ts';
import type { Evaluation } from './evaluation.ts';
import { rooflinePointOptions } from './extraCharts.ts';

export interface WorkedQuestion {
  readonly id: string;
  readonly question: string;
  /** the worked answer, a few sentences */
  readonly answer: readonly string[];
}

/** Three to five questions on the scenario; none when it is not computed. */
export function workedQuestions(evaluation: Evaluation): WorkedQuestion[] {
  const { result, inputs } = evaluation;
  const options = rooflinePointOptions(evaluation);
  if (!result || !inputs || !options) return [];
  const model = options.model.displayName.replace(/\s*\(.*\)\s*$/, '');
  const gpu = shortGpuName(options.gpu.displayName);
  const ridge = ridgeOf(options);
  const story = decisionStory(result, inputs);
  const line = (id: StoryLine['id']) => story.lines.find((l) => l.id === id);
  const context = inputs.scenario.kvContextTokens;
  const questions: WorkedQuestion[] = [];

  if (ridge !== null) {
    const one = decodeIntensityAt({ ...options, contextTokens: 0 }, 1);
    const weightsOnly = computeBoundBatch(options, 0);
    const withKv = computeBoundBatch(options, context);
    const stall = decodeStall(options, 1, result.sweep.maxUsers);
    questions.push({
      id: 'compute-bound-batch',
      question: `At what batch B does ${model} decode on an ${gpu} turn compute-bound?`,
      answer: [
        `The ridge is the ${gpu}’s ${options.precision.toUpperCase()} peak ÷ its bandwidth: ${intensity(ridge)}. One decode step reads the weights once for all B streams, so with the weights alone intensity grows about linearly with B: ${intensity(one)} per stream at B=1.`,
        weightsOnly === null
          ? 'With the weights alone it never reaches the ridge.'
          : `With the weights alone it reaches the ridge at B ≈ ${grouped(weightsOnly)}${options.model.architecture.moe ? ' (a MoE reads more of its experts as B grows, so later than the ridge ÷ the intensity at B=1)' : ` (${intensity(ridge)} ÷ ${intensity(one)})`}.`,
        withKv === null
          ? `But every stream also reads its own KV cache: at ${grouped(context)} tokens intensity stalls near ${intensity(stall?.limitFlopsPerByte ?? Number.NaN)}, so decode stays memory-bound at any B; and the KV budget holds only ${count(result.sweep.maxUsers, 'streams')} here anyway.`
          : `With each stream’s KV cache at ${grouped(context)} tokens it reaches the ridge at B ≈ ${grouped(withKv)}${withKv > result.sweep.maxUsers ? `, past the ${count(result.sweep.maxUsers, 'streams')} the KV budget holds` : ''}.`,
      ],
    });
  }

  const users = line('users');
  if (users)
    questions.push({
      id: 'users',
      question: `How many users of ${grouped(context)} tokens fit on one ${inputs.scenario.tensorParallel > 1 ? `TP${result.projection.layout.tp} replica` : 'GPU'}${users.napkin !== null ? `, and why does the napkin say ${grouped(users.napkin)}` : ''}?`,
      answer: [`${storySummary(users, '; ')}.`, users.why],
    });

  const step = result.projection.chosen?.step ?? null;
  if (step) {
    const parts = stepParts(step);
    const total = step.seconds;
    const share = (bound: string) =>
      parts.filter((p) => p.boundBy === bound).reduce((sum, p) => sum + p.seconds, 0) / total;
    const biggest = [...parts].sort((a, b) => b.seconds - a.seconds)[0];
    questions.push({
      id: 'decode-step',
      question: `How long is one decode step at B=${inputs.scenario.batch}, and what bounds it?`,
      answer: [
        `${seconds(total)} on each GPU in ridgeline’s model: memory-bound operators ${percent(share('memory'))}, compute-bound ${percent(share('compute'))}, communication ${percent(share('communication'))}, per-step overhead ${percent(share('overhead'))}.`,
        biggest ? `The largest part is ${biggest.name} (${seconds(biggest.seconds)}).` : '',
        `So each stream gets ${formatWithUnit(1 / total, 'tok/s')}, and all ${inputs.scenario.batch} together ${formatWithUnit(inputs.scenario.batch / total, 'tok/s')}.`,
      ].filter(Boolean),
    });
  }

  const prefill = result.projection.fits ? result.projection.prefill : null;
  if (prefill && ridge !== null) {
    const ai = prefillIntensity(options);
    const chunk = prefill.firstChunk;
    const parts = stepParts(chunk);
    const byBound = (bound: string) =>
      parts.filter((p) => p.boundBy === bound).reduce((sum, p) => sum + p.seconds, 0) / chunk.seconds;
    questions.push({
      id: 'prefill-bound',
      question: `Is prefill of a ${grouped(inputs.request.freshTokensAvg)}-token prompt compute-bound on ${inputs.hardware.gpusPerNode}× ${gpu}?`,
      answer: [
        `On the roofline it is ${ai >= ridge ? 'right of' : 'left of'} the ridge: ${intensity(ai)} against ${intensity(ridge)}.`,
        `But ridgeline’s operator breakdown of its first chunk says ${chunk.boundBy}-bound: compute ${percent(byBound('compute'))}, memory ${percent(byBound('memory'))}, communication ${percent(byBound('communication'))} of the chunk${byBound('communication') > byBound('compute') ? ': the tensor-parallel all-reduces over the interconnect take longer than the math' : ''}. It reaches ${formatWithUnit(prefill.tps, 'tok/s')}, MFU ${percent(prefill.mfu)}.`,
      ],
    });
  }

  const verdict = line('verdict');
  if (verdict)
    questions.push({
      id: 'verdict',
      question: `At ${formatWithUnit(inputs.pricing.gpuHourUsd, 'USD/GPU-h')} and an API at ${formatWithUnit(inputs.pricing.apiPricePerMTokUsd, 'USD/Mtok')}, does self-hosting pay?`,
      answer: [
        story.verdict.headline,
        story.verdict.napkinLine ? `${story.verdict.napkinLine}.` : '',
        story.verdict.why,
      ].filter(Boolean),
    });
  return questions;
}
