// Published serving series of Kimi on 8×B200 (Lambda, InferenceX), as their publishers give them. Pure
// data: each series names its publisher, the page it came from and the exact setup.
// validation/measurements.ts turns their points into the measurements the model is checked against and the
// explorer draws on the scenario they were taken on, so the gap between the model and a real deployment
// shows instead of hiding (the blog's closing section, §10). Values are copied as published; SI units
// (seconds, tokens/s).

export interface PublishedSource {
  /** who published the numbers */
  readonly publisher: string;
  /** the page they were read from */
  readonly page: string;
  /** anything a reader needs to compare like with like */
  readonly note: string;
}

export interface PublishedSetup {
  readonly model: string;
  readonly gpu: string;
  readonly gpuCount: number;
  readonly tensorParallel: number;
  readonly servingEngine: string | null;
  readonly weightPrecision: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** One operating point: everything optional except the concurrency it was measured at. */
export interface PublishedPoint {
  readonly concurrency: number;
  readonly perUserTps?: number;
  readonly meanInterTokenLatencyS?: number;
  readonly meanTtftS?: number;
  readonly outputTps?: number;
}

export interface PublishedSeries {
  readonly id: string;
  readonly label: string;
  readonly source: PublishedSource;
  readonly setup: PublishedSetup;
  readonly points: readonly PublishedPoint[];
}

export const lambdaKimiK26: PublishedSeries = {
  id: 'lambda-kimi-k2.6-8xb200',
  label: 'Kimi K2.6, 8×B200, vLLM (Lambda)',
  source: {
    publisher: 'Lambda',
    page: "Lambda's Kimi K2.6 model page (serving benchmark section)",
    note: '32 concurrent requests, 8K input / 2K output; mean values as published',
  },
  setup: {
    model: 'Kimi K2.6',
    gpu: 'NVIDIA B200',
    gpuCount: 8,
    tensorParallel: 8,
    servingEngine: 'vLLM',
    weightPrecision: 'as served by Lambda (not stated beside the numbers)',
    inputTokens: 8_000,
    outputTokens: 2_000,
  },
  points: [
    { concurrency: 32, meanInterTokenLatencyS: 44.5e-3, perUserTps: 44, meanTtftS: 2.26, outputTps: 1_408 },
  ],
};

export const inferenceXKimiK25: PublishedSeries = {
  id: 'inferencex-kimi-k2.5-int4-tp8-b200',
  label: 'Kimi K2.5 INT4, TP8 B200 (InferenceX)',
  source: {
    publisher: 'InferenceX',
    page: 'InferenceX benchmark results: Kimi K2.5, INT4, TP8 on B200, 8K/1K',
    note: 'per-user decode tok/s against concurrency; a K2.5 INT4 checkpoint, not K2.6 FP4',
  },
  setup: {
    model: 'Kimi K2.5',
    gpu: 'NVIDIA B200',
    gpuCount: 8,
    tensorParallel: 8,
    servingEngine: null,
    weightPrecision: 'INT4',
    inputTokens: 8_000,
    outputTokens: 1_000,
  },
  points: [
    { concurrency: 4, perUserTps: 104.4 },
    { concurrency: 8, perUserTps: 81.1 },
    { concurrency: 16, perUserTps: 59.2 },
    { concurrency: 32, perUserTps: 40.5 },
    { concurrency: 64, perUserTps: 26.0 },
  ],
};
