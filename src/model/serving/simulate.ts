// A discrete-event simulation of one replica of a serving engine with continuous batching (vLLM V1's
// scheduler, vllm/v1/core/sched/scheduler.py): every step the running requests go first (a decode token
// each, or the next chunk of a prompt being prefilled), then waiting requests are admitted in arrival
// order while the step's token budget (max_num_batched_tokens), the sequence limit (max_num_seqs) and the
// KV cache allow; a prompt is prefilled in chunks that ride along the decode tokens of the others. A
// running request that needs a KV block when none is left preempts the most recently admitted one, which
// is recomputed later (vLLM's RECOMPUTE preemption; its full blocks stay cached and may be hit again).
//
// Each step's duration comes from the per-operator model on that step's exact mix (stepTimer.ts). The
// requests are conversations (streams): a turn's prompt starts with a prefix of the stream's previous
// turn, which the prefix cache (kvBlocks.ts) still holds unless it was evicted; what is not held is
// prefilled again. Arrivals are closed-loop (N streams, each sending its next turn the moment the last
// finishes, like `vllm bench serve --max-concurrency N`) or open-loop (Poisson at a rate, each arrival
// the next turn of one of the conversations, in turn).
//
// A run is a pure function of its configuration and seed: no clock, no I/O.

import type { ServedScenario } from '../physics/servedScenario.ts';
import { KvBlocks } from './kvBlocks.ts';
import { LogHistogram, quantileSorted } from './quantiles.ts';
import { exponential, normal, type Random, randomFor } from './random.ts';
import { createStepTimer, type StepTimer, secondsOnPlane } from './stepTimer.ts';

/** Tokens of one part of a request: lognormal around a median (spread = σ of the log), or fixed (spread 0). */
export interface TokenDistribution {
  readonly median: number;
  readonly spread: number;
}

export interface RequestMix {
  /** the prefix a turn shares with its stream's previous turn */
  readonly cachedTokens: TokenDistribution;
  /** the prompt's new tokens after that prefix */
  readonly freshTokens: TokenDistribution;
  readonly outputTokens: TokenDistribution;
}

export type Arrivals =
  | {
      readonly kind: 'closed';
      readonly streams: number;
    }
  | {
      readonly kind: 'open';
      /** requests per second arriving at this replica */
      readonly qps: number;
      /** conversations the arrivals take turns from (their prefixes are what the cache keeps) */
      readonly conversations: number;
    };

export interface EngineLimits {
  /** tokens one step may carry (vLLM max_num_batched_tokens) */
  readonly maxBatchedTokens: number;
  /** requests running at once (vLLM max_num_seqs) */
  readonly maxSequences: number;
  readonly kvBlocks: number;
  readonly blockTokens: number;
}

export interface SimulationConfig {
  readonly served: ServedScenario;
  readonly engine: EngineLimits;
  readonly mix: RequestMix;
  readonly arrivals: Arrivals;
  /** requests whose statistics count, after the warm-up */
  readonly measuredRequests: number;
  /** closed loop: turns each stream completes before measuring starts; open loop: requests */
  readonly warmup: number;
  /** the model's context window: a request's prompt and output are clipped to it */
  readonly contextWindow: number;
  readonly seed: number;
  /** a step timer shared by the runs of one scenario (its decode lines are memoised) */
  readonly timer?: StepTimer;
}

export interface SimulationResult {
  /** closed loop: streams; open loop: the time-average requests in the system */
  readonly concurrency: number;
  readonly completedRequests: number;
  /** requests simulated in all (warm-up and those arriving after the measurement) */
  readonly simulatedRequests: number;
  readonly steps: number;
  readonly ttftP50Seconds: number;
  readonly ttftP90Seconds: number;
  readonly ttftP99Seconds: number;
  readonly ttftMeanSeconds: number;
  readonly itlP50Seconds: number;
  readonly itlP99Seconds: number;
  readonly itlMeanSeconds: number;
  readonly e2eMeanSeconds: number;
  /** output tokens per second a stream sees while it decodes (after its first token) */
  readonly perStreamTps: number;
  /** output tokens per second of the replica */
  readonly aggregateTps: number;
  /** prompt and output tokens per second of the replica (the unit the API bills) */
  readonly processedTps: number;
  readonly requestsPerSecond: number;
  /** prompt tokens found in the prefix cache when a request is first admitted ÷ its prompt tokens */
  readonly cacheHitRate: number;
  /** time-average share of the KV blocks held by running requests */
  readonly kvUtilisation: number;
  /** cached blocks evicted, and those blocks' tokens */
  readonly evictedBlocks: number;
  readonly preemptions: number;
  /** prompt tokens the engine prefilled (fresh ones and evicted prefixes computed again) per second */
  readonly prefillTps: number;
  /** Little's law over the measurement window: time-average requests in system, and throughput × latency */
  readonly littleInSystem: number;
  readonly littleProduct: number;
  /** requests whose prompt and output were cut to the context window */
  readonly clippedRequests: number;
  /** the measurement window, seconds of simulated time */
  readonly windowSeconds: number;
}

const STATE_WAITING = 1;
const STATE_PREFILL = 2;
const STATE_DECODE = 3;
const STATE_DONE = 4;

/** A run that has not finished after this many steps is cut off (it cannot happen with valid inputs). */
const MAX_STEPS = 50_000_000;

function draw(random: Random, dist: TokenDistribution, min: number): number {
  const value = dist.spread > 0 ? dist.median * Math.exp(dist.spread * normal(random)) : dist.median;
  return Math.max(min, Math.round(value));
}

/** A reusable list of numbers (request ids, chunk sizes): cleared per step without reallocating. */
class NumList {
  items = new Float64Array(64);
  size = 0;

  push(value: number): void {
    if (this.size === this.items.length) {
      const bigger = new Float64Array(this.items.length * 2);
      bigger.set(this.items);
      this.items = bigger;
    }
    this.items[this.size++] = value;
  }

  at(i: number): number {
    return this.items[i] as number;
  }

  clear(): void {
    this.size = 0;
  }
}

/** Growable struct-of-arrays for requests (ids are indices). */
class Requests {
  size = 0;
  stream = new Int32Array(256);
  turn = new Int32Array(256);
  cached = new Float64Array(256);
  prompt = new Float64Array(256);
  output = new Float64Array(256);
  arrival = new Float64Array(256);
  firstToken = new Float64Array(256);
  finish = new Float64Array(256);
  state = new Uint8Array(256);
  measured = new Uint8Array(256);
  /** tokens to have in the KV cache before decoding: the prompt, plus what was generated when recomputing */
  target = new Float64Array(256);
  /** tokens of the target already in the KV cache while prefilling */
  computed = new Float64Array(256);
  /** tokens in the KV cache while decoding */
  kv = new Float64Array(256);
  generated = new Float64Array(256);
  held = new Float64Array(256);
  shareable = new Float64Array(256);
  lastToken = new Float64Array(256);
  admitted = new Uint8Array(256);

  add(): number {
    if (this.size === this.stream.length) this.grow();
    return this.size++;
  }

  private grow(): void {
    const n = this.stream.length * 2;
    for (const key of Object.keys(this) as (keyof this)[]) {
      const old = this[key];
      if (ArrayBuffer.isView(old) && !(old instanceof DataView)) {
        const array = old as unknown as Float64Array;
        const bigger = new (array.constructor as Float64ArrayConstructor)(n);
        bigger.set(array);
        (this as Record<string, unknown>)[key as string] = bigger;
      }
    }
  }
}

export function simulate(config: SimulationConfig): SimulationResult {
  const { served, engine, mix, arrivals } = config;
  const timer = config.timer ?? createStepTimer(served);
  const bs = engine.blockTokens;
  const draft = served.draftTokens;
  const accepted = served.acceptedTokensPerStep;
  const tokensPerDecode = 1 + draft;
  const streams = arrivals.kind === 'closed' ? arrivals.streams : arrivals.conversations;
  const kv = new KvBlocks(engine.kvBlocks, streams);
  const requests = new Requests();
  const randoms: Random[] = Array.from({ length: streams }, (_, s) => randomFor(config.seed, s));
  const arrivalRandom = randomFor(config.seed, -1);
  const streamTurns = new Int32Array(streams);
  const streamContext = new Float64Array(streams);
  const streamBusy = new Int32Array(streams);
  const window = config.contextWindow;
  let clipped = 0;

  const waiting: number[] = [];
  let waitingHead = 0;
  const running: number[] = [];

  let clock = 0;
  let steps = 0;
  let measuredArrivals = 0;
  let measuredDone = 0;
  let simulated = 0;
  let windowStart = Number.NaN;
  let windowEnd = Number.NaN;
  let warmedStreams = 0;
  const warmupDone = new Uint8Array(streams);
  let openArrivals = 0;
  // an overloaded open loop would queue arrivals without end: past this many it takes no more (the
  // measured requests have all arrived long before; their queue stays as it was)
  const arrivalCap = 4 * (config.warmup + config.measuredRequests) + 16;
  let nextArrival = arrivals.kind === 'open' ? exponential(arrivalRandom, 1 / arrivals.qps) : Infinity;
  let nextConversation = 0;

  let hitTokens = 0;
  let askedTokens = 0;
  let prefilledTokens = 0;
  let pinnedSeconds = 0;
  let windowClock = 0;
  let measuredDecoding = 0;
  let preemptions = 0;
  const itl = new LogHistogram();
  const ttfts: number[] = [];

  const measuring = () =>
    !Number.isNaN(windowStart) && Number.isNaN(windowEnd) && measuredArrivals < config.measuredRequests;

  /** A stream's next turn arrives now. */
  const arrive = (stream: number): void => {
    const random = randoms[stream] as Random;
    const r = requests.add();
    simulated++;
    let cached = draw(random, mix.cachedTokens, 0);
    let fresh = draw(random, mix.freshTokens, 0);
    let output = draw(random, mix.outputTokens, 1);
    if (cached + fresh < 1) fresh = 1;
    if (cached + fresh + output > window) {
      clipped++;
      output = Math.min(output, window - 1);
      const room = window - output;
      fresh = Math.min(fresh, room);
      cached = Math.min(cached, room - fresh);
      if (cached + fresh < 1) fresh = 1;
    }
    requests.stream[r] = stream;
    requests.turn[r] = streamTurns[stream] ?? 0;
    streamTurns[stream] = (streamTurns[stream] ?? 0) + 1;
    requests.cached[r] = cached;
    requests.prompt[r] = cached + fresh;
    requests.output[r] = output;
    requests.arrival[r] = clock;
    requests.state[r] = STATE_WAITING;
    requests.target[r] = cached + fresh;
    // the prefix it shares with its stream's previous turn (none on a stream's first turn)
    requests.shareable[r] = Math.min(cached, streamContext[stream] ?? 0);
    const measure = measuring() ? 1 : 0;
    requests.measured[r] = measure;
    if (measure) measuredArrivals++;
    // the window closes at the first arrival after the measured ones: it holds exactly those arrivals
    else if (!Number.isNaN(windowStart) && Number.isNaN(windowEnd)) windowEnd = clock;
    streamBusy[stream] = (streamBusy[stream] ?? 0) + 1;
    waiting.push(r);
  };

  const startWindow = (): void => {
    if (Number.isNaN(windowStart)) windowStart = clock;
  };

  /** Blocks request r holds for `tokens` tokens of KV. */
  const blocksFor = (tokens: number) => Math.ceil(tokens / bs);

  const preempt = (r: number): void => {
    const stream = requests.stream[r] ?? 0;
    const inCache = requests.state[r] === STATE_DECODE ? requests.kv[r] : requests.computed[r];
    kv.release(stream, requests.held[r] ?? 0, Math.floor((inCache ?? 0) / bs));
    if (requests.state[r] === STATE_DECODE && requests.measured[r]) measuredDecoding--;
    requests.held[r] = 0;
    requests.state[r] = STATE_WAITING;
    requests.target[r] = (requests.prompt[r] ?? 0) + (requests.generated[r] ?? 0);
    requests.shareable[r] = requests.target[r] ?? 0;
    requests.computed[r] = 0;
    requests.kv[r] = 0;
    preemptions++;
    waiting.splice(waitingHead, 0, r);
  };

  let preemptedThisStep = false;
  /** Gives running request r `blocks` more, preempting from the tail of the running list; false when r itself went. */
  const ensure = (r: number, blocks: number): boolean => {
    while (!kv.allocate(blocks)) {
      const victim = running.pop();
      if (victim === undefined) return false;
      preempt(victim);
      preemptedThisStep = true;
      if (victim === r) return false;
    }
    requests.held[r] = (requests.held[r] ?? 0) + blocks;
    return true;
  };

  const finish = (r: number): void => {
    const stream = requests.stream[r] ?? 0;
    requests.state[r] = STATE_DONE;
    requests.finish[r] = clock;
    kv.release(stream, requests.held[r] ?? 0, Math.floor((requests.kv[r] ?? 0) / bs));
    requests.held[r] = 0;
    streamContext[stream] = (requests.prompt[r] ?? 0) + (requests.output[r] ?? 0);
    streamBusy[stream] = (streamBusy[stream] ?? 0) - 1;
    if (requests.measured[r]) {
      measuredDone++;
      measuredDecoding--;
    }
    if (arrivals.kind === 'closed') {
      if (!warmupDone[stream] && (streamTurns[stream] ?? 0) >= config.warmup) {
        warmupDone[stream] = 1;
        warmedStreams++;
        if (warmedStreams === streams) startWindow();
      }
      arrive(stream);
    }
  };

  /** Blocks the scheduled decoders (and a prompt's chunks) need beyond what they hold to run `steps` steps. */
  const extraBlocks = (steps: number, chunkRequest: number, chunkSize: number): number => {
    let sum = 0;
    for (let i = 0; i < decodeIds.size; i++) {
      const r = decodeIds.at(i);
      sum += blocksFor((requests.kv[r] ?? 0) + steps * accepted) - (requests.held[r] ?? 0);
    }
    if (chunkRequest >= 0) {
      const tokens = (requests.computed[chunkRequest] ?? 0) + steps * chunkSize;
      sum += blocksFor(tokens) - (requests.held[chunkRequest] ?? 0);
    }
    return sum;
  };

  const isDone = (r: number) => (requests.generated[r] ?? 0) >= (requests.output[r] ?? 0) - 1e-9;
  const finished = new NumList();

  // one step's schedule: the prompt chunks and the decoding requests, the token budget left, and the
  // sums the step's price reads
  const chunkIds = new NumList();
  const chunkTokens = new NumList();
  const decodeIds = new NumList();
  let budget = 0;
  let decodeContext = 0;
  let prefillTokens = 0;
  let prefixSum = 0;
  let attendedSum = 0;
  /** Puts `n` tokens of r's prompt, after the `prefix` it has in cache, into the step. */
  const addChunk = (r: number, n: number, prefix: number): void => {
    chunkIds.push(r);
    chunkTokens.push(n);
    prefillTokens += n;
    prefixSum += prefix;
    attendedSum += n * (prefix + (n + 1) / 2);
    budget -= n;
  };

  if (arrivals.kind === 'closed') {
    if (config.warmup <= 0) startWindow();
    for (let s = 0; s < streams; s++) {
      if (config.warmup <= 0) {
        warmupDone[s] = 1;
        warmedStreams++;
      }
      arrive(s);
    }
  } else if (config.warmup <= 0) startWindow();

  while (measuredDone < config.measuredRequests || Number.isNaN(windowEnd)) {
    // open loop: every arrival up to now joins the queue
    if (arrivals.kind === 'open') {
      while (nextArrival <= clock && openArrivals < arrivalCap) {
        const saved = clock;
        clock = nextArrival;
        const conversation = nextConversation;
        nextConversation = (nextConversation + 1) % streams;
        arrive(conversation);
        openArrivals++;
        if (openArrivals === config.warmup) startWindow();
        clock = saved;
        nextArrival += exponential(arrivalRandom, 1 / arrivals.qps);
      }
    }
    // ── schedule one step ───────────────────────────────────────────────────────────────────────
    budget = engine.maxBatchedTokens;
    preemptedThisStep = false;
    chunkIds.clear();
    chunkTokens.clear();
    decodeIds.clear();
    decodeContext = 0;
    prefillTokens = 0;
    prefixSum = 0;
    attendedSum = 0;
    for (let i = 0; i < running.length && budget > 0; i++) {
      const r = running[i] as number;
      if (requests.state[r] === STATE_PREFILL) {
        const done = requests.computed[r] ?? 0;
        const n = Math.min((requests.target[r] ?? 0) - done, budget);
        const need = blocksFor(done + n) - (requests.held[r] ?? 0);
        if (!ensure(r, need)) break;
        addChunk(r, n, done);
      } else if (budget >= tokensPerDecode) {
        const context = requests.kv[r] ?? 0;
        const need = blocksFor(context + accepted) - (requests.held[r] ?? 0);
        if (!ensure(r, need)) break;
        decodeIds.push(r);
        decodeContext += context;
        budget -= tokensPerDecode;
      }
    }
    const preempted = preemptedThisStep;
    let blocked = false;
    if (!preempted) {
      while (waitingHead < waiting.length && budget > 0) {
        if (running.length >= engine.maxSequences) {
          blocked = true;
          break;
        }
        const r = waiting[waitingHead] as number;
        const stream = requests.stream[r] ?? 0;
        const target = requests.target[r] ?? 0;
        const cachedBlocks = kv.cached[stream] ?? 0;
        const hitable = Math.min(requests.shareable[r] ?? 0, cachedBlocks * bs, target - 1);
        const hitBlocks = Math.max(0, Math.floor(hitable / bs));
        const hit = hitBlocks * bs;
        const n = Math.min(target - hit, budget);
        const need = blocksFor(hit + n) - hitBlocks;
        if (kv.available - hitBlocks < need) {
          blocked = true;
          break;
        }
        kv.claim(stream, hitBlocks);
        kv.allocate(need);
        waitingHead++;
        requests.held[r] = hitBlocks + need;
        requests.state[r] = STATE_PREFILL;
        requests.computed[r] = hit;
        // the workload's reuse: what a request finds cached when it is first admitted (a preempted
        // request's return finds its own blocks, which is recomputation saved, not reuse)
        if (requests.measured[r] && !requests.admitted[r]) {
          hitTokens += hit;
          askedTokens += target;
        }
        requests.admitted[r] = 1;
        running.push(r);
        addChunk(r, n, hit);
      }
      if (waitingHead > 1024 && waitingHead * 2 > waiting.length) {
        waiting.splice(0, waitingHead);
        waitingHead = 0;
      }
    }
    const decoders = decodeIds.size;
    const chunks = chunkIds.size;
    if (decoders === 0 && chunks === 0) {
      // nothing can run: an idle replica waits for the next arrival
      if (arrivals.kind === 'open' && Number.isFinite(nextArrival) && openArrivals < arrivalCap) {
        clock = Math.max(clock, nextArrival);
        continue;
      }
      throw new Error('the serving simulation stalled: no request can be scheduled');
    }

    // ── run it: one step, or a run of like steps up to the next event ─────────────────────────────
    // Steps repeat until something changes the schedule: every running request is in the step, nothing
    // can be admitted, and the step is decode only or decode plus one prompt chunk that fills the token
    // budget. Such steps differ only in their contexts; they run on together up to the first decode that
    // finishes, the prompt's last full chunk, or the step where the KV cache runs out of blocks.
    const chunkRun = chunks === 1 && budget === 0 ? (chunkTokens.at(0) > 0 ? chunkIds.at(0) : -1) : -1;
    const canRun =
      (chunks === 0 || chunkRun >= 0) &&
      !preempted &&
      decoders + chunks === running.length &&
      (waitingHead >= waiting.length || blocked || budget === 0);
    const chunkSize = chunkRun >= 0 ? chunkTokens.at(0) : 0;
    let k = 1;
    if (canRun) {
      // steps until the first decode finishes
      let untilDone = Number.POSITIVE_INFINITY;
      for (let i = 0; i < decoders; i++) {
        const r = decodeIds.at(i);
        const left = Math.ceil(((requests.output[r] ?? 0) - (requests.generated[r] ?? 0)) / accepted - 1e-9);
        if (left < untilDone) untilDone = left;
      }
      // and the prompt's full chunks (its computed tokens do not count this step's yet)
      if (chunkRun >= 0) {
        const left = (requests.target[chunkRun] ?? 0) - (requests.computed[chunkRun] ?? 0);
        untilDone = Math.min(untilDone, Math.floor(left / chunkSize));
      }
      k = Number.isFinite(untilDone) ? Math.max(1, untilDone) : 1;
      // and while the KV cache has blocks for every sequence's growth
      const room = kv.available;
      if (k > 1 && extraBlocks(k, chunkRun, chunkSize) > room) {
        let lo = 1;
        let hi = k;
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (extraBlocks(mid, chunkRun, chunkSize) <= room) lo = mid;
          else hi = mid;
        }
        k = lo;
      }
    }
    const pinnedBefore = kv.pinned;
    const stepStart = clock;
    const prefill =
      chunks > 0
        ? {
            chunks,
            tokens: prefillTokens,
            prefixTokensSum: prefixSum,
            attendedKeysSum: attendedSum,
          }
        : null;
    const plane = timer.plane(decoders, decodeContext, prefill, k);
    const growth = decoders * accepted;
    let executed = 0;
    let elapsed = 0;
    for (let j = 0; j < k; j++) {
      const contextSum = decodeContext + j * growth;
      const prefix = prefixSum + j * chunkSize;
      const keys = attendedSum + j * chunkSize * chunkSize;
      const seconds = plane
        ? secondsOnPlane(plane, contextSum, prefix, keys)
        : timer.step(
            decoders,
            contextSum,
            prefill && { ...prefill, prefixTokensSum: prefix, attendedKeysSum: keys },
          );
      clock += seconds;
      elapsed += seconds;
      executed++;
      steps++;
      if (canRun && measuredDecoding > 0) itl.add(seconds / accepted, measuredDecoding * accepted);
      if (arrivals.kind === 'open' && clock >= nextArrival && openArrivals < arrivalCap) break;
    }
    if (steps > MAX_STEPS) throw new Error('the serving simulation did not finish');
    // KV for the steps beyond the first (the first step's blocks were taken when it was scheduled)
    if (executed > 1) {
      let extra = 0;
      for (let i = 0; i < decoders; i++) {
        const r = decodeIds.at(i);
        const more = blocksFor((requests.kv[r] ?? 0) + executed * accepted) - (requests.held[r] ?? 0);
        extra += more;
        requests.held[r] = (requests.held[r] ?? 0) + more;
      }
      if (chunkRun >= 0) {
        const tokens = (requests.computed[chunkRun] ?? 0) + executed * chunkSize;
        const more = blocksFor(tokens) - (requests.held[chunkRun] ?? 0);
        extra += more;
        requests.held[chunkRun] = (requests.held[chunkRun] ?? 0) + more;
      }
      kv.allocate(extra);
    }
    if (measuring() || (!Number.isNaN(windowStart) && clock - elapsed < windowEnd)) {
      pinnedSeconds += ((pinnedBefore + kv.pinned) / 2) * elapsed;
      prefilledTokens += prefillTokens + (executed - 1) * chunkSize;
      windowClock += elapsed;
    }
    if (chunkRun >= 0)
      requests.computed[chunkRun] = (requests.computed[chunkRun] ?? 0) + (executed - 1) * chunkSize;

    // ── what the step(s) produced ─────────────────────────────────────────────────────────────────
    for (let c = 0; c < chunks; c++) {
      const r = chunkIds.at(c);
      requests.computed[r] = (requests.computed[r] ?? 0) + chunkTokens.at(c);
      if ((requests.computed[r] ?? 0) < (requests.target[r] ?? 0)) continue;
      // the prompt is in: this step also sampled the next token
      requests.kv[r] = requests.target[r] ?? 0;
      requests.state[r] = STATE_DECODE;
      if (requests.measured[r]) measuredDecoding++;
      if ((requests.generated[r] ?? 0) === 0) {
        requests.firstToken[r] = clock;
        if (requests.measured[r]) ttfts.push(clock - (requests.arrival[r] ?? 0));
      } else if (requests.measured[r]) {
        itl.add(clock - (requests.lastToken[r] ?? clock), 1);
      }
      requests.generated[r] = (requests.generated[r] ?? 0) + 1;
      requests.lastToken[r] = clock;
    }
    finished.clear();
    // decoders that decoded in the step before share one gap: one histogram entry for them all
    let sameGap = 0;
    for (let i = 0; i < decoders; i++) {
      const r = decodeIds.at(i);
      if (!canRun && requests.measured[r]) {
        const last = requests.lastToken[r] ?? clock;
        if (last === stepStart) sameGap++;
        else itl.add((clock - last) / accepted, accepted);
      }
      requests.kv[r] = (requests.kv[r] ?? 0) + executed * accepted;
      requests.generated[r] = (requests.generated[r] ?? 0) + executed * accepted;
      requests.lastToken[r] = clock;
    }
    if (sameGap > 0) itl.add((clock - stepStart) / accepted, sameGap * accepted);
    for (let c = 0; c < chunks; c++) {
      const r = chunkIds.at(c);
      if (requests.state[r] === STATE_DECODE && isDone(r)) finished.push(r);
    }
    for (let i = 0; i < decoders; i++) {
      const r = decodeIds.at(i);
      if (isDone(r)) finished.push(r);
    }
    if (finished.size > 0) {
      for (let i = 0; i < finished.size; i++) finish(finished.at(i));
      let kept = 0;
      for (const r of running) if (requests.state[r] !== STATE_DONE) running[kept++] = r;
      running.length = kept;
    }
  }

  // ── the measurement ────────────────────────────────────────────────────────────────────────────
  const measured: number[] = [];
  for (let r = 0; r < requests.size; r++) if (requests.measured[r]) measured.push(r);
  const count = measured.length;
  // the window of the measured arrivals; when they all came at once (streams that start together,
  // no warm-up, fewer requests than streams) it has no length, and their span to the last finish stands in
  let lastFinish = windowStart;
  for (const r of measured) lastFinish = Math.max(lastFinish, requests.finish[r] ?? 0);
  const windowSeconds =
    windowEnd > windowStart ? windowEnd - windowStart : Math.max(lastFinish - windowStart, Number.MIN_VALUE);
  if (!(windowEnd > windowStart)) windowEnd = windowStart + windowSeconds;
  let e2eSum = 0;
  let outputSum = 0;
  let processedSum = 0;
  let decodeSeconds = 0;
  let decodeTokens = 0;
  for (const r of measured) {
    const e2e = (requests.finish[r] ?? 0) - (requests.arrival[r] ?? 0);
    e2eSum += e2e;
    outputSum += requests.output[r] ?? 0;
    processedSum += (requests.prompt[r] ?? 0) + (requests.output[r] ?? 0);
    decodeSeconds += (requests.finish[r] ?? 0) - (requests.firstToken[r] ?? 0);
    decodeTokens += (requests.output[r] ?? 0) - 1;
  }
  // requests in the system, averaged over the window (Little's L)
  let inSystem = 0;
  for (let r = 0; r < requests.size; r++) {
    const from = Math.max(requests.arrival[r] ?? 0, windowStart);
    const state = requests.state[r];
    const to = Math.min(state === STATE_DONE ? (requests.finish[r] ?? 0) : clock, windowEnd);
    if (to > from) inSystem += to - from;
  }
  const littleInSystem = inSystem / windowSeconds;
  const rate = count / windowSeconds;
  const e2eMean = count > 0 ? e2eSum / count : 0;
  ttfts.sort((a, b) => a - b);
  const ttftSum = ttfts.reduce((a, b) => a + b, 0);
  return {
    concurrency: arrivals.kind === 'closed' ? arrivals.streams : littleInSystem,
    completedRequests: count,
    simulatedRequests: simulated,
    steps,
    ttftP50Seconds: quantileSorted(ttfts, 0.5),
    ttftP90Seconds: quantileSorted(ttfts, 0.9),
    ttftP99Seconds: quantileSorted(ttfts, 0.99),
    ttftMeanSeconds: ttfts.length > 0 ? ttftSum / ttfts.length : 0,
    itlP50Seconds: itl.quantile(0.5),
    itlP99Seconds: itl.quantile(0.99),
    itlMeanSeconds: itl.mean,
    e2eMeanSeconds: e2eMean,
    perStreamTps: decodeSeconds > 0 ? decodeTokens / decodeSeconds : 0,
    aggregateTps: count > 0 ? (rate * outputSum) / count : 0,
    processedTps: count > 0 ? (rate * processedSum) / count : 0,
    requestsPerSecond: rate,
    cacheHitRate: askedTokens > 0 ? hitTokens / askedTokens : 0,
    kvUtilisation: windowClock > 0 ? pinnedSeconds / windowClock / engine.kvBlocks : 0,
    evictedBlocks: kv.evicted,
    preemptions,
    prefillTps: windowClock > 0 ? prefilledTokens / windowClock : 0,
    littleInSystem,
    littleProduct: rate * e2eMean,
    clippedRequests: clipped,
    windowSeconds,
  };
}
