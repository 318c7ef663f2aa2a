// The blog's load test, simulated (§8.2–8.3): one replica at a ladder of concurrency levels, each a
// closed-loop run of the scenario's workload, measured after a warm-up; per level TTFT, inter-token
// latency, per-stream and aggregate tok/s, cache hit rate and KV use. The levels climb by powers of two
// and then past the KV cache's capacity to at least twice the streams it holds, where the blog's cliff
// is. The KV cache is what the physics memory plan leaves (physics/memory.ts), cut into blocks; the
// engine's limits are the scenario's (vLLM max_num_batched_tokens, max_num_seqs).
//
// A plan is built once (loadPlan), then each level runs on its own (simulateLevel), so a caller can report
// progress between levels and stop (the page's worker does both).

import { kvBytesForContext } from '../architecture/kvCache.ts';
import { kvShareOfRank } from '../physics/layout.ts';
import { memoryPlan } from '../physics/memory.ts';
import type { ServedScenario } from '../physics/servedScenario.ts';
import type { ArrivalKind, ScenarioInputs } from '../scenario/inputs.ts';
import { tokenMean } from '../scenario/requestShape.ts';
import { servedScenario } from '../scenario/servedModel.ts';
import {
  type Arrivals,
  type EngineLimits,
  type RequestMix,
  type SimulationResult,
  simulate,
  type TokenDistribution,
} from './simulate.ts';
import { createStepTimer, type StepTimer } from './stepTimer.ts';

/** What a level reports as the simulation measured it (simulate.ts names each). */
type Measured = Pick<
  SimulationResult,
  | 'concurrency'
  | 'ttftP50Seconds'
  | 'ttftP90Seconds'
  | 'ttftP99Seconds'
  | 'ttftMeanSeconds'
  | 'itlP50Seconds'
  | 'itlP99Seconds'
  | 'itlMeanSeconds'
  | 'e2eMeanSeconds'
  | 'perStreamTps'
  | 'aggregateTps'
  | 'processedTps'
  | 'requestsPerSecond'
  | 'cacheHitRate'
  | 'kvUtilisation'
  | 'completedRequests'
  | 'simulatedRequests'
  | 'preemptions'
  | 'prefillTps'
>;

/** One concurrency level of the sweep (the names `projection.load.points` carries). */
export interface LoadPoint extends Measured {
  readonly evictedTokens: number;
  /** |throughput × mean latency − mean requests in the system| ÷ the latter, over the measurement window */
  readonly littleError: number;
}

export interface LoadDistribution extends TokenDistribution {
  readonly mean: number;
}

/** What was simulated: the workload and the engine it ran on (`projection.load.workload`). */
export interface LoadWorkload {
  readonly cachedTokens: LoadDistribution;
  readonly freshTokens: LoadDistribution;
  readonly outputTokens: LoadDistribution;
  readonly arrival: ArrivalKind;
  readonly concurrency: number;
  readonly qps: number;
  readonly requests: number;
  readonly warmupTurns: number;
  readonly seed: number;
  readonly kvBlockTokens: number;
  readonly kvCapacityTokens: number;
  /** streams whose mean request (prompt and output) fits the KV cache at once */
  readonly kvCapacityStreams: number;
  readonly maxBatchedTokens: number;
  readonly maxSequences: number;
  readonly levels: readonly number[];
}

export interface LoadPlan {
  readonly served: ServedScenario;
  readonly timer: StepTimer;
  readonly engine: EngineLimits;
  readonly mix: RequestMix;
  readonly workload: LoadWorkload;
  readonly measuredPerLevel: readonly number[];
  readonly contextWindow: number;
  /** what a reader should know (the sweep stopped short of twice the capacity) */
  readonly notes: readonly string[];
}

/** The highest level simulated: thousands of streams would take the sweep minutes, not milliseconds. */
export const MAX_LEVEL = 512;
/**
 * Steps a sweep may simulate: the blog's takes about 0.2 M; 20 M is a minute of work, where a workload
 * of 100,000 requests of 10 M output tokens each would need years.
 */
export const MAX_PLANNED_STEPS = 20_000_000;
/** A level measures at least this many requests, so its percentiles rest on more than a handful. */
export const MIN_MEASURED_PER_LEVEL = 12;

const meanOf = tokenMean;

/**
 * Powers of two up to twice the capacity, then the capacity itself and 1.25×, 1.5× and 2× of it (where the
 * cliff plays out), and the workload's own concurrency; at most MAX_LEVEL.
 */
export function concurrencyLevels(capacityStreams: number, concurrency: number): number[] {
  const top = Math.min(MAX_LEVEL, Math.max(2, Math.ceil(2 * capacityStreams)));
  const levels = new Set<number>();
  for (let c = 1; c <= top; c *= 2) levels.add(c);
  for (const f of [1, 1.25, 1.5, 2]) {
    const c = Math.round(f * capacityStreams);
    if (c >= 1 && c <= top) levels.add(c);
  }
  levels.add(top);
  if (concurrency <= MAX_LEVEL) levels.add(concurrency);
  return [...levels].sort((a, b) => a - b);
}

/** KV-cache tokens one replica holds: the memory plan's KV budget ÷ the KV bytes one token adds per GPU. */
function kvCapacityTokens(served: ServedScenario): number {
  const { model } = served;
  const plan = memoryPlan(model, served.capacityBytesPerGpu, served.memory, served.contextTokens);
  if (!plan.fits) return 0;
  // per token at the scenario's context (sliding-window layers keep at most their window)
  const context = served.contextTokens;
  const perToken =
    (kvBytesForContext(model.arch, model.kvBytesPerValue, context) *
      kvShareOfRank(model.arch, model.layout)) /
    model.layout.pp /
    context;
  return perToken > 0 ? plan.kvBudgetBytesPerGpu / perToken : 0;
}

export function loadPlan(inputs: ScenarioInputs): LoadPlan | { readonly problems: readonly string[] } {
  const served = servedScenario(inputs);
  if ('problems' in served) return { problems: served.problems };
  const w = inputs.workload;
  const blockTokens = w.kvBlockTokens;
  const capacityTokens = kvCapacityTokens(served);
  const kvBlocks = Math.floor(capacityTokens / blockTokens);
  const median = w.cachedTokens.median + w.freshTokens.median + w.outputTokens.median;
  const usable = kvBlocks * blockTokens;
  if (kvBlocks < 1)
    return {
      problems: ['this layout leaves no KV cache (the model does not fit: see the memory plan)'],
    };
  if (median > usable) {
    return {
      problems: [
        `workload: a median request (${median} prompt and output tokens) needs more KV cache than the replica holds (${usable} tokens): it cannot run`,
      ],
    };
  }
  const mix: RequestMix = {
    cachedTokens: { ...w.cachedTokens },
    freshTokens: { ...w.freshTokens },
    outputTokens: { ...w.outputTokens },
  };
  const meanRequest = meanOf(mix.cachedTokens) + meanOf(mix.freshTokens) + meanOf(mix.outputTokens);
  const capacityStreams = usable / meanRequest;
  const levels = concurrencyLevels(capacityStreams, w.concurrency);
  const sum = levels.reduce((a, b) => a + b, 0);
  const measuredPerLevel = levels.map((c) =>
    Math.max(MIN_MEASURED_PER_LEVEL, Math.round((w.requests * c) / sum)),
  );
  // the decode steps the sweep will take: each level's requests × output tokens ÷ the streams at once
  const perStep = Math.max(1, served.acceptedTokensPerStep);
  const plannedSteps = levels.reduce((sum, c, i) => {
    const requests = (measuredPerLevel[i] ?? 0) + w.warmupTurns * c;
    const atOnce = Math.max(1, Math.min(c, capacityStreams, served.memory.maxSequences));
    return sum + (requests * meanOf(mix.outputTokens)) / perStep / atOnce;
  }, 0);
  if (!(plannedSteps <= MAX_PLANNED_STEPS)) {
    return {
      problems: [
        `workload: the sweep would simulate about ${Math.round(plannedSteps).toLocaleString('en-US')} steps (requests × output tokens ÷ streams at once), at most ${MAX_PLANNED_STEPS.toLocaleString('en-US')}: ask for fewer requests or output tokens`,
      ],
    };
  }
  const notes: string[] = [];
  if (2 * capacityStreams > MAX_LEVEL) {
    notes.push(
      `the KV cache holds ${Math.floor(capacityStreams)} mean requests at once: the sweep stops at ${MAX_LEVEL} streams, short of twice that`,
    );
  }
  const dist = (d: TokenDistribution): LoadDistribution => ({ ...d, mean: meanOf(d) });
  return {
    served,
    timer: createStepTimer(served),
    engine: {
      maxBatchedTokens: served.memory.maxBatchedTokens,
      maxSequences: served.memory.maxSequences,
      kvBlocks,
      blockTokens,
    },
    mix,
    workload: {
      cachedTokens: dist(mix.cachedTokens),
      freshTokens: dist(mix.freshTokens),
      outputTokens: dist(mix.outputTokens),
      arrival: w.arrival,
      concurrency: w.concurrency,
      qps: w.qps,
      requests: measuredPerLevel.reduce((a, b) => a + b, 0),
      warmupTurns: w.warmupTurns,
      seed: w.seed,
      kvBlockTokens: blockTokens,
      kvCapacityTokens: usable,
      kvCapacityStreams: capacityStreams,
      maxBatchedTokens: served.memory.maxBatchedTokens,
      maxSequences: served.memory.maxSequences,
      levels,
    },
    measuredPerLevel,
    // vLLM refuses a max_model_len whose KV the cache cannot hold: the window is at most the cache
    contextWindow: Math.min(inputs.model.contextWindowTokens, usable),
    notes,
  };
}

export function pointOf(result: SimulationResult, blockTokens: number): LoadPoint {
  const { evictedBlocks, littleInSystem, littleProduct, clippedRequests, windowSeconds, steps, ...measured } =
    result;
  return {
    ...measured,
    evictedTokens: evictedBlocks * blockTokens,
    littleError: littleInSystem > 0 ? Math.abs(littleProduct - littleInSystem) / littleInSystem : 0,
  };
}

/** One run on the plan's replica, engine and workload. */
function run(plan: LoadPlan, arrivals: Arrivals, measuredRequests: number, warmup: number): LoadPoint {
  const result = simulate({
    served: plan.served,
    timer: plan.timer,
    engine: plan.engine,
    mix: plan.mix,
    arrivals,
    measuredRequests,
    warmup,
    contextWindow: plan.contextWindow,
    seed: plan.workload.seed,
  });
  return pointOf(result, plan.engine.blockTokens);
}

/** Level `index` of the plan: a closed loop of that many streams. */
export function simulateLevel(plan: LoadPlan, index: number): LoadPoint {
  return run(
    plan,
    { kind: 'closed', streams: plan.workload.levels[index] ?? 1 },
    plan.measuredPerLevel[index] ?? MIN_MEASURED_PER_LEVEL,
    plan.workload.warmupTurns,
  );
}

/** An open loop at `qps` per replica, its arrivals taking turns among `conversations` conversations. */
export function simulateOpenLoop(
  plan: LoadPlan,
  qps: number,
  conversations: number,
  requests: number,
): LoadPoint {
  const pool = Math.max(1, Math.round(conversations));
  // the first turns of each conversation (cold) and the queue's start are the warm-up
  return run(
    plan,
    { kind: 'open', qps, conversations: pool },
    Math.max(MIN_MEASURED_PER_LEVEL, requests),
    pool * Math.max(1, plan.workload.warmupTurns),
  );
}

/**
 * One closed loop on the scenario, as a benchmark ran it: `streams` streams, `requests` requests measured
 * after `warmupTurns` turns per stream (0: the benchmark's start counts, as `vllm bench serve` counts it).
 */
export function closedLoopPoint(
  inputs: ScenarioInputs,
  streams: number,
  requests: number,
  warmupTurns: number,
): LoadPoint | { readonly problems: readonly string[] } {
  const plan = loadPlan(inputs);
  if ('problems' in plan) return plan;
  return run(plan, { kind: 'closed', streams }, requests, warmupTurns);
}
