// Every figure's formula as a lecturer writes it on the board: in symbols ("decode ceiling = effective node
// bandwidth ÷ bytes per token") and with its numbers ("{nodeBandwidthEffectiveBps} ÷ {bytesPerTokenB1}",
// shown as "50 TB/s ÷ 16 GB = 3,125 tok/s"). Transcribed from docs/spec/napkin-chain.md (F1–F67), keyed by
// figure id because one formula id covers several figures. Each input links to its control (a dotted
// input path) or to the figure it comes from ("#figure.id"). Pure data; tests/unit/model/formulaText.test.ts
// parses every template and checks that its arithmetic gives the figure's value in several scenarios.
import type { InputStyle } from './formulaExpression.ts';

export interface FormulaText {
  /** the formula in words and symbols */
  readonly symbols: string;
  /** the same with the figure's numbers: a formulaExpression.ts template */
  readonly numbers: string;
  /**
   * Input paths that, when set, give the value instead of the formula (src/model/scenario/resolve.ts: a
   * preset's override, or the model's architecture derived layer by layer): the page then says where the
   * number came from rather than show a sum that does not add up.
   */
  readonly replacedBy?: readonly string[];
}

const fig = (id: string): string => `#${id}`;

/** How each named figure input is shown and what it links to, unless a template says otherwise. */
export const INPUT_STYLES: Readonly<Record<string, InputStyle>> = {
  gpuHourUsd: { unit: 'USD/GPU-h', link: 'pricing.gpuHourUsd' },
  gpusPerNode: { unit: 'GPUs', link: 'hardware.gpusPerNode' },
  nodeCostPerHour: { unit: 'USD/h', link: fig('cost.node_per_hour') },
  nodeCostPerMonth: { unit: 'USD/month', link: fig('cost.node_per_month') },
  hoursPerDay: { unit: 'h', link: 'pricing.hoursPerDay' },
  hoursPerMonth: { unit: 'h', link: 'pricing.hoursPerMonth' },
  hoursPerYear: { unit: 'h', link: 'pricing.hoursPerYear' },
  totalParams: { unit: 'params', link: 'model.totalParams' },
  activeParams: { unit: 'params', link: 'model.activeParams' },
  weightBytesPerParam: { unit: 'B/param', link: 'precision.weightBytesPerParam' },
  flopsPerParamPerToken: { unit: 'FLOP/param', link: 'precision.flopsPerParamPerToken' },
  weightBytes: { unit: 'B', link: fig('mem.weight_bytes') },
  gpuMemBytes: { unit: 'B', link: 'hardware.gpuMemBytes' },
  nodeVramBytes: { unit: 'B', link: fig('mem.node_vram') },
  activationsBytes: { unit: 'B', link: 'empirical.activationsBytes' },
  gpuBandwidthBps: { unit: 'B/s', link: 'hardware.gpuBandwidthBps' },
  gpuPeakFlops: { unit: 'FLOP/s', link: 'hardware.gpuPeakFlops' },
  nodeBandwidthEffectiveBps: { unit: 'B/s', link: 'empirical.nodeBandwidthEffectiveBps' },
  bw: { unit: 'B/s', link: 'empirical.nodeBandwidthEffectiveBps' },
  bytesPerTokenB1: { unit: 'B', link: fig('decode.bytes_per_token_b1') },
  decodeCeilingTps: { unit: 'tok/s', link: fig('decode.ceiling_tps') },
  ridge: { unit: 'FLOP/B', link: fig('roof.ridge') },
  decodeFlopsPerByteStated: { unit: 'FLOP/B', link: 'empirical.decodeFlopsPerByteStated' },
  nodePeakFlops: { unit: 'FLOP/s', link: fig('prefill.node_flops') },
  prefillFlopsPerToken: { unit: 'FLOP', link: fig('prefill.flops_per_token') },
  prefillRateMeasuredTps: { unit: 'tok/s', link: 'empirical.prefillRateMeasuredTps' },
  prefillTheoreticalTps: { unit: 'tok/s', link: fig('prefill.theoretical_tps') },
  mfuStated: { unit: '%', link: 'empirical.mfuStated' },
  prompt: { unit: 'tokens', link: 'scenario.ttftDemoPromptTokens' },
  prefillTps: { unit: 'tok/s', link: 'scenario.ttftDemoPrefillTps' },
  users: { unit: 'users', link: 'scenario.ttftDemoConcurrentUsers' },
  perUserTps: { unit: 'tok/s', link: fig('ttft.demo_per_user_rate') },
  numLayers: { unit: 'layers', link: 'model.numLayers' },
  kvLoraRank: { unit: '', link: 'model.kvLoraRank' },
  qkRopeHeadDim: { unit: '', link: 'model.qkRopeHeadDim' },
  kvBytesPerValue: { unit: 'B', link: 'precision.kvBytesPerValue' },
  kvBytesPerToken: { unit: 'B', link: fig('kv.bytes_per_token') },
  kvBudgetBytes: { unit: 'B', link: fig('mem.kv_budget') },
  E: { unit: '', link: 'model.nRoutedExperts' },
  k: { unit: '', link: 'model.expertsPerToken' },
  B: { unit: '', link: 'scenario.batch' },
  expertMatrices: { unit: '', link: 'model.expertMatrices' },
  hiddenSize: { unit: '', link: 'model.hiddenSize' },
  moeIntermediateSize: { unit: '', link: 'model.moeIntermediateSize' },
  uniqueExperts: { unit: 'experts', link: fig('pass.unique_experts') },
  moeLayers: { unit: 'layers', link: 'model.moeLayers' },
  expertBytes: { unit: 'B', link: fig('pass.expert_bytes') },
  routed: { unit: 'B', link: fig('pass.routed_bytes') },
  shared: { unit: 'B', link: 'empirical.sharedWeightsBytesPerPass' },
  kv: { unit: 'B', link: fig('pass.kv_read_bytes') },
  perPassBytes: { unit: 'B', link: fig('pass.total_bytes') },
  mbuNapkin: { unit: '%', link: 'empirical.mbuNapkin' },
  fixedOverheadS: { unit: 's', link: 'empirical.fixedOverheadS' },
  fixed: { unit: 's', link: 'empirical.fixedOverheadS' },
  memoryTime: { unit: 's', link: fig('pass.memory_time_napkin') },
  overlapFactor: { unit: '', link: 'empirical.overlapFactor' },
  perSlotS: { unit: 's', link: 'empirical.perSlotS' },
  perPassTimeMeasuredS: { unit: 's', link: 'tp8.perPassTimeMeasuredS' },
  measured: { unit: 's', link: 'tp8.perPassTimeMeasuredS' },
  fit: { unit: 's', link: fig('pass.time_fit') },
  perStreamTps: { unit: 'tok/s', link: fig('tps.per_stream_measured') },
  perStreamB32: { unit: 'tok/s', link: 'empirical.perStreamMeasuredTps.b32' },
  outputTpsPerGpuMeasured: { unit: 'tok/s', link: 'tp8.outputTpsPerGpuMeasured' },
  fresh: { unit: 'tokens', link: 'request.freshTokensAvg' },
  cached: { unit: 'tokens', link: 'request.cachedTokensAvg' },
  output: { unit: 'tokens', link: 'request.outputTokensAvg' },
  outputTokensAvg: { unit: 'tokens', link: 'request.outputTokensAvg' },
  aggregateMeasuredTps: { unit: 'tok/s', link: fig('tps.aggregate_measured') },
  concurrency: { unit: '', link: 'tp8.concurrency' },
  lifecycleTps: { unit: 'tok/s', link: fig('little.lifecycle_tps') },
  e2eS: { unit: 's', link: fig('little.e2e_derived') },
  requestRate: { unit: 'req/s', link: fig('little.req_rate') },
  procTokensPerRequest: { unit: 'tokens', link: fig('req.proc') },
  ttftP50MeasuredS: { unit: 's', link: 'tp8.ttftP50MeasuredS' },
  decodeTimeS: { unit: 's', link: fig('little.decode_time') },
  e2eMeasuredS: { unit: 's', link: 'tp8.e2eMeasuredS' },
  e2eComposedS: { unit: 's', link: fig('little.e2e_composed') },
  procTokensPerHour: { unit: 'tokens/h', link: fig('cost.proc_tokens_per_hour') },
  freshTokensMedian: { unit: 'tokens', link: 'request.freshTokensMedian' },
  replicaCostPerMonth: { unit: 'USD/month', link: fig('tp4.replica_cost_month') },
  tokensPerMonth: { unit: 'tokens', link: fig('tp4.tokens_per_replica_month') },
  tokensPerReplicaMonth: { unit: 'tokens', link: fig('tp4.tokens_per_replica_month') },
  replicasPerNode: { unit: 'replicas', link: fig('tp4.replicas_per_node') },
  tp4NodeProcTps: { unit: 'tok/s', link: fig('tp4.node_proc_tps') },
  tp8ProcTps: { unit: 'tok/s', link: fig('little.proc_tps') },
  tp4CostPerM: { unit: 'USD/Mtok', link: fig('tp4.cost_per_m') },
  apiPrice: { unit: 'USD/Mtok', link: 'pricing.apiPricePerMTokUsd' },
  troughProcTps: { unit: 'tok/s', link: 'traffic.trough.procTps' },
  replicaProcTps: { unit: 'tok/s', link: 'tp4.procTpsMeasured' },
  N: { unit: 'replicas', link: fig('fleet.replicas') },
  p50ProcTps: { unit: 'tok/s', link: 'traffic.p50.procTps' },
  monthly: { unit: 'tokens', link: fig('fleet.monthly_tokens') },
  monthlyTokens: { unit: 'tokens', link: fig('fleet.monthly_tokens') },
  selfHost: { unit: 'tokens', link: fig('fleet.selfhost_tokens') },
  spillTokens: { unit: 'tokens', link: fig('fleet.spill_tokens') },
  selfHostCost: { unit: 'USD/month', link: fig('fleet.selfhost_cost') },
  spillCost: { unit: 'USD/month', link: fig('fleet.spill_cost') },
  allApi: { unit: 'USD/month', link: fig('bill.all_api') },
  hybrid: { unit: 'USD/month', link: fig('fleet.hybrid_total') },
  savings: { unit: 'USD/month', link: fig('bill.savings') },
};

const perUser = (ctx: 'Long' | 'Short') =>
  `{kvBytesPerToken} × {ctx:tokens>scenario.kvTableContext${ctx}Tokens}`;
const maxUsers = (per: '80k' | '32k') => `floor({kvBudgetBytes} ÷ {kvPerUser:B>#kv.per_user_${per}})`;
const tier = (name: 'p50' | 'p90' | 'p99') =>
  `{procTps:tok/s>traffic.${name}.procTps} ÷ {qps:req/s>traffic.${name}.qps}`;
const annual = (band: string) => `[12] × {monthly:USD/month>#table.annual_${band}}`;
const best = (path: string, band: string) =>
  `{aggressiveHi:%>savingsTable.${path}} × {annualHi:USD/yr>#table.annual_${band}}`;

/** Passthrough figures (formula "input"): the input path that sets each. */
export const INPUT_FIGURE_PATHS: Readonly<Record<string, string>> = {
  'model.total_params': 'model.totalParams',
  'model.active_params': 'model.activeParams',
  'mem.activations': 'empirical.activationsBytes',
  'decode.node_bw_effective': 'empirical.nodeBandwidthEffectiveBps',
  'decode.mbu_measured': 'empirical.mbuMeasured',
  'prefill.measured_tps': 'empirical.prefillRateMeasuredTps',
  'pass.shared_bytes': 'empirical.sharedWeightsBytesPerPass',
  'pass.time_measured': 'tp8.perPassTimeMeasuredS',
  'pass.fixed_overhead': 'empirical.fixedOverheadS',
  'pass.per_slot': 'empirical.perSlotS',
  'pass.mbu_napkin': 'empirical.mbuNapkin',
  'pass.overlap': 'empirical.overlapFactor',
  'tps.output_per_gpu': 'tp8.outputTpsPerGpuMeasured',
  'batch.per_stream_b32_measured': 'empirical.perStreamMeasuredTps.b32',
  'req.fresh': 'request.freshTokensAvg',
  'req.cached': 'request.cachedTokensAvg',
  'req.output': 'request.outputTokensAvg',
  'req.output_rounded': 'request.outputTokensAvg',
  'req.fresh_median': 'request.freshTokensMedian',
  'price.api': 'pricing.apiPricePerMTokUsd',
  'little.e2e_measured': 'tp8.e2eMeasuredS',
  'ttft.measured_p50': 'tp8.ttftP50MeasuredS',
  'tp4.per_stream': 'tp4.perStreamTps',
  'tp4.proc_tps': 'tp4.procTpsMeasured',
  'traffic.trough': 'traffic.trough.procTps',
};

export const FORMULA_TEXT: Readonly<Record<string, FormulaText>> = {
  // §2.1 cost (F1–F4)
  'cost.node_per_hour': {
    symbols: 'node $/h = $ per GPU-hour × GPUs per node',
    numbers: '{gpuHourUsd} × {gpusPerNode}',
  },
  'cost.node_per_day': {
    symbols: 'node $/day = node $/h × hours per day',
    numbers: '{nodeCostPerHour} × {hoursPerDay}',
  },
  'cost.node_per_month': {
    symbols: 'node $/month = node $/h × hours per month',
    numbers: '{nodeCostPerHour} × {hoursPerMonth}',
  },
  'cost.node_per_year': {
    symbols: 'node $/year = node $/h × hours per year',
    numbers: '{nodeCostPerHour} × {hoursPerYear}',
  },
  'cost.entry_ticket_month': {
    symbols: 'entry ticket = one node-month (API spend that would pay for one node)',
    numbers: '{nodeCostPerMonth}',
  },
  // §3–4 memory (F5–F9)
  'mem.weight_bytes': {
    symbols: 'weight bytes = total parameters × bytes per parameter',
    numbers: '{totalParams} × {weightBytesPerParam}',
    replacedBy: ['architecture.weightBytes'],
  },
  'mem.weight_bytes_fp8': {
    symbols: 'weight bytes at FP8 = total parameters × 1 byte',
    numbers: '{totalParams} × {weightBytesPerParam:B/param>}',
  },
  'mem.gpus_to_load_raw': {
    symbols: 'GPUs to hold the weights = weight bytes ÷ memory per GPU',
    numbers: '{weightBytes} ÷ {gpuMemBytes}',
  },
  'mem.gpus_to_load': {
    symbols: 'GPUs to load = ceil(weight bytes ÷ memory per GPU)',
    numbers: 'ceil({weightBytes} ÷ {gpuMemBytes})',
  },
  'mem.gpus_to_load_fp8': {
    symbols: 'GPUs to load at FP8 = ceil(FP8 weight bytes ÷ memory per GPU)',
    numbers: 'ceil({weightBytes:B>#mem.weight_bytes_fp8} ÷ {gpuMemBytes})',
  },
  'mem.node_vram': {
    symbols: 'node VRAM = memory per GPU × GPUs per node',
    numbers: '{gpuMemBytes} × {gpusPerNode}',
  },
  'mem.after_weights': {
    symbols: 'left after weights = node VRAM − weight bytes',
    numbers: '{nodeVramBytes} − {weightBytes}',
  },
  'mem.kv_budget': {
    symbols: 'KV budget = node VRAM − weight bytes − activations',
    numbers: '{nodeVramBytes} − {weightBytes} − {activationsBytes}',
  },
  // §4.2–4.5 decode and the roofline (F10–F16)
  'decode.bytes_per_token_b1': {
    symbols: 'bytes per token at B=1 = active parameters × bytes per parameter',
    numbers: '{activeParams} × {weightBytesPerParam}',
    replacedBy: ['architecture.bytesPerTokenB1'],
  },
  'decode.node_bw_raw': {
    symbols: 'raw node bandwidth = HBM bandwidth per GPU × GPUs per node',
    numbers: '{gpuBandwidthBps} × {gpusPerNode}',
  },
  'decode.ceiling_tps': {
    symbols: 'decode ceiling = effective node bandwidth ÷ bytes per token',
    numbers: '{nodeBandwidthEffectiveBps} ÷ {bytesPerTokenB1}',
  },
  'decode.realistic_lo_tps': {
    symbols: 'realistic decode = MBU × decode ceiling',
    numbers: '{mbu:%>empirical.mbuRange.lo} × {decodeCeilingTps}',
  },
  'decode.realistic_hi_tps': {
    symbols: 'realistic decode = MBU × decode ceiling',
    numbers: '{mbu:%>empirical.mbuRange.hi} × {decodeCeilingTps}',
  },
  'roof.ridge': {
    symbols: 'ridge = peak FLOP/s ÷ HBM bandwidth (per GPU)',
    numbers: '{gpuPeakFlops} ÷ {gpuBandwidthBps}',
  },
  'roof.decode_intensity': {
    symbols:
      'decode intensity (weights only, B=1) = FLOP per parameter × active parameters ÷ bytes per token',
    numbers: '{flopsPerParamPerToken} × {@model.activeParams:params} ÷ {#decode.bytes_per_token_b1:B}',
  },
  'roof.ridge_over_decode': {
    symbols: 'how far below the ridge = ridge ÷ the blog’s decode intensity',
    numbers: '{ridge} ÷ {decodeFlopsPerByteStated}',
  },
  // §4.8–4.9 prefill and TTFT (F17–F22)
  'prefill.flops_per_token': {
    symbols: 'prefill FLOP per token = FLOP per parameter × active parameters',
    numbers: '{flopsPerParamPerToken} × {activeParams}',
    replacedBy: ['architecture.prefillFlopsPerToken'],
  },
  'prefill.node_flops': {
    symbols: 'node peak = peak FLOP/s per GPU × GPUs per node',
    numbers: '{gpuPeakFlops} × {gpusPerNode}',
  },
  'prefill.theoretical_tps': {
    symbols: 'theoretical prefill = node peak FLOP/s ÷ FLOP per token',
    numbers: '{nodePeakFlops} ÷ {prefillFlopsPerToken}',
  },
  'prefill.mfu_stated': {
    symbols: 'MFU = measured prefill rate ÷ theoretical prefill rate',
    numbers: '{prefillRateMeasuredTps} ÷ {prefillTheoreticalTps}',
  },
  'prefill.at_stated_mfu': {
    symbols: 'prefill at the stated MFU = theoretical prefill × stated MFU',
    numbers: '{prefillTheoreticalTps} × {mfuStated}',
  },
  'ttft.demo_single': {
    symbols: 'TTFT alone = prompt tokens ÷ prefill rate',
    numbers: '{prompt} ÷ {prefillTps}',
  },
  'ttft.demo_per_user_rate': {
    symbols: 'prefill share per user = prefill rate ÷ users prefilling at once',
    numbers: '{prefillTps} ÷ {users}',
  },
  'ttft.demo_shared': {
    symbols: 'TTFT when prefills collide = prompt tokens ÷ prefill share per user',
    numbers: '{prompt} ÷ {perUserTps}',
  },
  // §4.10 KV cache (F23–F25)
  'kv.bytes_per_token': {
    symbols: 'KV per token = layers × (KV LoRA rank + RoPE head dim) × bytes per value (MLA)',
    numbers: '{numLayers} × ({kvLoraRank} + {qkRopeHeadDim}) × {kvBytesPerValue}',
    replacedBy: ['overrides.kvBytesPerToken', 'architecture.kvBytesPerToken'],
  },
  'kv.per_user_80k': { symbols: 'KV per user = KV per token × context', numbers: perUser('Long') },
  'kv.per_user_32k': { symbols: 'KV per user = KV per token × context', numbers: perUser('Short') },
  'kv.max_users_80k': {
    symbols: 'max users = floor(KV budget ÷ KV per user)',
    numbers: maxUsers('80k'),
  },
  'kv.max_users_32k': {
    symbols: 'max users = floor(KV budget ÷ KV per user)',
    numbers: maxUsers('32k'),
  },
  // §5.10 one decode pass (F26–F37)
  'pass.unique_experts': {
    symbols: 'unique experts per layer = E × (1 − ((E − k) ÷ E)^B)',
    numbers: '{E} × (1 − (({E} − {k}) ÷ {E})^{B})',
    replacedBy: ['scenario.uniqueExpertsRounding'],
  },
  'pass.expert_slots_naive': { symbols: 'expert slots without sharing = B × k', numbers: '{B} × {k}' },
  'pass.expert_bytes': {
    symbols: 'one expert = matrices × hidden size × MoE intermediate size × bytes per parameter',
    numbers:
      '{expertMatrices} × {hiddenSize} × {moeIntermediateSize} × {@precision.weightBytesPerParam:B/param}',
    replacedBy: ['overrides.expertBytes', 'architecture.expertBytes'],
  },
  'pass.routed_bytes': {
    symbols: 'routed bytes = unique experts × MoE layers × bytes per expert',
    numbers: '{uniqueExperts} × {moeLayers} × {expertBytes}',
  },
  'pass.kv_read_bytes': {
    symbols: 'KV read per pass = B × KV per token × context',
    numbers: '{B} × {kvBytesPerToken} × {ctx:tokens>scenario.kvContextTokens}',
  },
  'pass.total_bytes': {
    symbols: 'bytes per pass = routed experts + shared weights + KV reads',
    numbers: '{routed} + {shared} + {kv}',
  },
  'pass.memory_time_napkin': {
    symbols: 'memory time = bytes per pass ÷ (effective bandwidth × napkin MBU)',
    numbers: '{perPassBytes} ÷ ({nodeBandwidthEffectiveBps} × {mbuNapkin})',
  },
  'pass.time_napkin': {
    symbols: 'napkin pass = fixed overhead + memory time × overlap',
    numbers: '{fixedOverheadS} + {memoryTime} × {overlapFactor}',
  },
  'pass.time_fit': {
    symbols: 'fitted pass = fixed overhead + time per slot × B',
    numbers: '{fixedOverheadS} + {perSlotS} × {B}',
  },
  'pass.fit_gap': {
    symbols: 'fit gap = (measured pass − fitted pass) ÷ measured pass',
    numbers: '({measured} − {fit}) ÷ {measured}',
  },
  'pass.napkin_gap': {
    symbols: 'measurement over napkin = measured pass ÷ napkin pass',
    numbers: '{measured} ÷ {napkin:s>#pass.time_napkin}',
  },
  'decode.mbu_measured_reproduced': {
    symbols: 'MBU = bytes per pass ÷ (measured pass time × effective bandwidth)',
    numbers: '{perPassBytes} ÷ ({perPassTimeMeasuredS} × {nodeBandwidthEffectiveBps})',
  },
  'pass.mbu_reality_13': {
    symbols: 'MBU without overlap = bytes per pass ÷ ((measured pass − fixed overhead) × bandwidth)',
    numbers: '{perPassBytes} ÷ (({measured} − {fixed}) × {bw})',
  },
  'tps.per_stream_measured': {
    symbols: 'per-stream decode = 1 token ÷ measured pass time',
    numbers: '[1] ÷ {perPassTimeMeasuredS}',
  },
  'batch.per_stream_fit_b8': {
    symbols: 'per-stream at B = 1 ÷ (fixed overhead + time per slot × B)',
    numbers: '[1] ÷ ({fixedOverheadS} + {perSlotS} × {B:>})',
  },
  'batch.per_stream_b32': {
    symbols: 'per-stream at B = 1 ÷ (fixed overhead + time per slot × B)',
    numbers: '[1] ÷ ({fixedOverheadS} + {perSlotS} × {B:>})',
  },
  'tps.aggregate_naive': {
    symbols: 'aggregate (naive) = B × per-stream decode',
    numbers: '{B:>tp8.concurrency} × {perStreamTps}',
  },
  'batch.aggregate_b32_flat': {
    symbols: 'B=32 over B=16 = 32 × measured per-stream at 32 ÷ (16 ÷ measured pass time)',
    numbers: '[32] × {perStreamB32} ÷ ({@tp8.concurrency} ÷ {perPassTimeMeasuredS})',
  },
  'tps.aggregate_measured': {
    symbols: 'aggregate (measured) = output tok/s per GPU × GPUs per replica',
    numbers: '{outputTpsPerGpuMeasured} × {gpusPerReplica:GPUs>tp8.gpusPerReplica}',
  },
  // §5.10 step 6: the request and Little's law (F38–F45)
  'req.proc': {
    symbols: 'processed tokens per request = fresh + cached + output',
    numbers: '{fresh} + {cached} + {output}',
  },
  'req.cache_hit_share': {
    symbols: 'cached share = cached ÷ (fresh + cached)',
    numbers: '{cached} ÷ ({fresh} + {cached})',
  },
  'req.fresh_share': {
    symbols: 'fresh share = fresh ÷ (fresh + cached)',
    numbers: '{fresh} ÷ ({fresh} + {cached})',
  },
  'little.lifecycle_tps': {
    symbols: 'lifecycle per-stream rate = measured aggregate ÷ concurrency',
    numbers: '{aggregateMeasuredTps} ÷ {concurrency}',
  },
  'little.e2e_derived': {
    symbols: 'end-to-end time = output tokens ÷ lifecycle rate',
    numbers: '{outputTokensAvg} ÷ {lifecycleTps}',
  },
  'little.req_rate': {
    symbols: "request rate (Little's law) = concurrency ÷ end-to-end time",
    numbers: '{concurrency} ÷ {e2eS}',
  },
  'little.proc_tps': {
    symbols: 'processed tok/s = request rate × processed tokens per request',
    numbers: '{requestRate} × {procTokensPerRequest}',
  },
  'little.output_share': {
    symbols: 'output share = request rate × output tokens per request',
    numbers: '{requestRate} × {outputTokensAvg}',
  },
  'little.decode_time': {
    symbols: 'decode time = output tokens × measured pass time',
    numbers: '{outputTokensAvg} × {perPassTimeMeasuredS}',
  },
  'little.e2e_composed': {
    symbols: 'end-to-end = TTFT + decode time',
    numbers: '{ttftP50MeasuredS} + {decodeTimeS}',
  },
  'little.e2e_composed_gap': {
    symbols: 'gap = (measured end-to-end − composed) ÷ measured',
    numbers: '({e2eMeasuredS} − {e2eComposedS}) ÷ {e2eMeasuredS}',
  },
  // §5.10 steps 7–8: TP8 cost and TTFT (F46–F48)
  'cost.proc_tokens_per_hour': {
    symbols: 'processed tokens per hour = processed tok/s × 3,600 s',
    numbers: '{procTps:tok/s>#little.proc_tps} × [3600 s/h]',
  },
  'cost.tp8_per_m': {
    symbols: '$ per M tokens = node $/h ÷ (processed tokens per hour ÷ 1 M)',
    numbers: '{nodeCostPerHour} ÷ ({procTokensPerHour} ÷ [1000000])',
  },
  'ttft.napkin': {
    symbols: 'TTFT napkin = median fresh prompt × concurrent prefills ÷ measured prefill rate',
    numbers: '{freshTokensMedian} × {concurrency} ÷ {prefillRateMeasuredTps}',
  },
  'ttft.napkin_gap': {
    symbols: 'TTFT gap = (napkin − measured) ÷ measured',
    numbers:
      '({napkin:s>#ttft.napkin} − {measured:s>tp8.ttftP50MeasuredS}) ÷ {measured:s>tp8.ttftP50MeasuredS}',
  },
  // §5.11 TP4 (F49–F54)
  'tp4.replica_cost_month': {
    symbols: 'replica $/month = GPUs per replica × $ per GPU-hour × hours per month',
    numbers: '{gpusPerReplica:GPUs>tp4.gpusPerReplica} × {gpuHourUsd} × {hoursPerMonth}',
  },
  'tp4.tokens_per_replica_month': {
    symbols: 'tokens per replica-month = processed tok/s × 3,600 s × hours per month',
    numbers: '{procTps:tok/s>tp4.procTpsMeasured} × [3600 s/h] × {hoursPerMonth}',
  },
  'tp4.cost_per_m': {
    symbols: '$ per M tokens = replica $/month ÷ (tokens per month ÷ 1 M)',
    numbers: '{replicaCostPerMonth} ÷ ({tokensPerMonth} ÷ [1000000])',
  },
  'tp4.replicas_per_node': {
    symbols: 'replicas per node = floor(GPUs per node ÷ GPUs per replica)',
    numbers: 'floor({gpusPerNode} ÷ {gpusPerReplica:GPUs>tp4.gpusPerReplica})',
  },
  'tp4.node_proc_tps': {
    symbols: 'node processed tok/s = replicas per node × processed tok/s per replica',
    numbers: '{replicasPerNode} × {procTps:tok/s>tp4.procTpsMeasured}',
  },
  'tp4.uplift_ratio': {
    symbols: 'uplift = TP4 node tok/s ÷ TP8 node tok/s',
    numbers: '{tp4NodeProcTps} ÷ {tp8ProcTps}',
  },
  'tp4.discount_vs_api': {
    symbols: 'discount = 1 − TP4 $ per M ÷ API $ per M',
    numbers: '[1] − {tp4CostPerM} ÷ {apiPrice}',
  },
  // §6 fleet (F55–F62, F67)
  'traffic.p50.tokens_per_request': {
    symbols: 'tokens per request = processed tok/s ÷ requests/s',
    numbers: tier('p50'),
  },
  'traffic.p90.tokens_per_request': {
    symbols: 'tokens per request = processed tok/s ÷ requests/s',
    numbers: tier('p90'),
  },
  'traffic.p99.tokens_per_request': {
    symbols: 'tokens per request = processed tok/s ÷ requests/s',
    numbers: tier('p99'),
  },
  'fleet.replicas': {
    symbols: 'fleet = floor(trough tok/s ÷ tok/s per replica)',
    numbers: 'floor({troughProcTps} ÷ {replicaProcTps})',
  },
  'fleet.boxes': {
    symbols: 'nodes = ceil(replicas ÷ replicas per node)',
    numbers: 'ceil({N} ÷ {replicasPerNode})',
  },
  'fleet.selfhost_cost': {
    symbols: 'fleet $/month = replicas × replica $/month',
    numbers: '{N} × {replicaCostPerMonth}',
  },
  'fleet.selfhost_tokens': {
    symbols: 'tokens the fleet serves = replicas × tokens per replica-month',
    numbers: '{N} × {tokensPerReplicaMonth}',
  },
  'fleet.monthly_tokens': {
    symbols: 'monthly tokens = P50 processed tok/s × 3,600 s × hours per month',
    numbers: '{p50ProcTps} × [3600 s/h] × {hoursPerMonth}',
  },
  'fleet.spill_tokens': {
    symbols: 'spill = max(0, monthly tokens − tokens the fleet serves)',
    numbers: 'max(0, {monthly} − {selfHost})',
  },
  'fleet.spill_cost': {
    symbols: 'spill $/month = spilled tokens ÷ 1 M × API $ per M',
    numbers: '{spillTokens} ÷ [1000000] × {apiPrice}',
  },
  'fleet.hybrid_total': { symbols: 'hybrid = fleet $ + spill $', numbers: '{selfHostCost} + {spillCost}' },
  // §7 the bill (F63–F66)
  'bill.all_api': {
    symbols: 'all-API $/month = monthly tokens ÷ 1 M × API $ per M',
    numbers: '{monthlyTokens} ÷ [1000000] × {apiPrice}',
  },
  'bill.savings': { symbols: 'savings = all-API bill − hybrid bill', numbers: '{allApi} − {hybrid}' },
  'bill.savings_pct': { symbols: 'savings share = savings ÷ all-API bill', numbers: '{savings} ÷ {allApi}' },
  'bill.autoscale_lo': {
    symbols: 'autoscaling savings = share × all-API bill',
    numbers: '{pct:%>empirical.autoscalingSavingsRange.lo} × {allApi}',
  },
  'bill.autoscale_hi': {
    symbols: 'autoscaling savings = share × all-API bill',
    numbers: '{pct:%>empirical.autoscalingSavingsRange.hi} × {allApi}',
  },
  'table.annual_35k': { symbols: 'annual API spend = 12 × monthly spend', numbers: annual('35k') },
  'table.annual_100k': { symbols: 'annual API spend = 12 × monthly spend', numbers: annual('100k') },
  'table.annual_500k': { symbols: 'annual API spend = 12 × monthly spend', numbers: annual('500k') },
  'table.annual_2m': { symbols: 'annual API spend = 12 × monthly spend', numbers: annual('2m') },
  'table.best_35_100k': {
    symbols: 'best case = top savings share × top annual spend of the band',
    numbers: best('aggressiveHi35kTo100k', '100k'),
  },
  'table.best_100_500k': {
    symbols: 'best case = top savings share × top annual spend of the band',
    numbers: best('aggressiveHi100kTo500k', '500k'),
  },
  'table.best_500k_2m': {
    symbols: 'best case = top savings share × top annual spend of the band',
    numbers: best('aggressiveHi500kTo2m', '2m'),
  },
  'table.best_2m_plus': {
    symbols: 'best case = savings share × the band’s floor',
    numbers: '{aggressive:%>savingsTable.aggressiveLo2mPlus} × {annualLo:USD/yr>#table.annual_2m}',
  },
};

/** The input path that gives this figure's value instead of its formula, or null (see `replacedBy`). */
export function replacingInput(
  text: FormulaText,
  scenarioInput: (path: string) => number | string | null,
): string | null {
  for (const path of text.replacedBy ?? []) {
    const value = scenarioInput(path);
    if (value !== null && value !== 'none') return path;
  }
  return null;
}
