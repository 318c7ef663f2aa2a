// What the blog prints for every figure it prints, with its section, and whether the faithful engine
// agrees (same number at the blog's inputs) or differs, and why. Baked from tests/fixtures/seed-golden.json
// (fields expected, blog_text, source_section, engine_value, rel_diff and the notes) so the page never
// fetches the spec at run time; tests/unit/explorer/blogValues.test.ts fails when this table drifts from the
// golden file. Pure data: a lecturer can point at "the blog says 3,125 tok/s (§4.2): agrees".

export interface BlogValue {
  /** the number as the blog prints it, SI units */
  readonly printed: number;
  /** the blog's wording */
  readonly text: string;
  /** the blog's section, e.g. "4.2", "5.10 step 1" */
  readonly section: string;
  /** what the faithful engine gives at the blog's own inputs */
  readonly engineAtBlogInputs: number;
  /** true when the engine gives the printed number exactly at the blog's inputs */
  readonly agrees: boolean;
  /** why the two differ (the spec's inconsistency notes); null when they agree */
  readonly reason: string | null;
}

type Row = readonly [
  id: string,
  printed: number,
  text: string,
  section: string,
  engineAtBlogInputs: number,
  reason: string | null,
];

/** The reason shared by the Little's-law rows (spec I-13). */
const LITTLE_ROUNDING =
  "the blog rounds each step of the Little's-law chain (24, 41.8, 0.38, 32K); the engine carries full precision with output 1,056";
const DISPLAY_ROUNDING = 'display rounding of the same number';
const KV_35KB = 'the blog uses 35 KB per token; the exact MLA size is 61 × 576 × 1 B = 35,136 B';
const KV_AND_EXPERTS =
  "the blog's 35 KB KV and 22.5 MB experts; exact 35,136 B and 22,020,096 B (and ≈109 unique experts, floored)";
const ROUNDED_INTERMEDIATES =
  'the blog carries rounded intermediates (70 B, 280 B, 303 B, 583 B); the engine does not';
const TP4_ROUNDING =
  '26,600 proc tok/s per TP4 replica is measured; the blog rounds 70 B tokens and $0.250/M';

const rows: readonly Row[] = [
  ['cost.node_per_hour', 48, '$48/node/hour', '2.1', 48, null],
  ['cost.node_per_day', 1152, '$1,152/node/day', '2.1', 1152, null],
  ['cost.node_per_month', 35040, '$35,040/node/month', '2.1', 35040, null],
  ['cost.node_per_year', 420480, '$420,480/node/year', '2.1', 420480, null],
  ['cost.entry_ticket_month', 35000, '$35K+/month', '2.1 note 1', 35040, '$35,040 -> "$35K+"'],
  ['mem.node_vram', 1536000000000, '1,536 GB', '2', 1536000000000, null],
  ['mem.weight_bytes', 500000000000, '500 GB', '3.1', 500000000000, null],
  ['mem.gpus_to_load_raw', 2.6, '2.60', '3.2', 2.6041666666666665, DISPLAY_ROUNDING],
  ['mem.gpus_to_load', 3, '3 B200s', '3.2', 3, null],
  ['mem.weight_bytes_fp8', 1000000000000, '1 TB', '3.3', 1000000000000, null],
  ['mem.gpus_to_load_fp8', 6, '6 B200s', '3.3', 6, null],
  ['mem.after_weights', 1036000000000, '1,036 GB', '4', 1036000000000, null],
  ['mem.activations', 80000000000, '~80 GB', '4', 80000000000, null],
  ['mem.kv_budget', 956000000000, '956 GB', '4', 956000000000, null],
  ['decode.bytes_per_token_b1', 16000000000, '16 GB', '4.2', 16000000000, null],
  ['decode.node_bw_raw', 64000000000000, '64 TB/s', '4.2', 64000000000000, null],
  ['decode.node_bw_effective', 50000000000000, '~50 TB/s', '4.2', 50000000000000, null],
  ['decode.ceiling_tps', 3125, '≈ 3,125 tok/s', '4.2', 3125, null],
  ['decode.realistic_lo_tps', 312, '312 tok/s', '4.2', 312.5, DISPLAY_ROUNDING],
  ['decode.realistic_hi_tps', 375, '375 tok/s', '4.2', 375, null],
  ['decode.mbu_measured', 0.11, '~11% MBU', '4.3/5.9', 0.11, null],
  [
    'decode.mbu_measured_reproduced',
    0.11,
    '~11% MBU',
    '4.3',
    0.10765541967550583,
    'not shown in the blog; 200 GB / 36.8 ms / 50 TB/s = 10.9%',
  ],
  [
    'decode.mbu_measured_reproduced.compat',
    0.11,
    '~11% MBU',
    '4.3',
    0.10869701086956521,
    '200 GB / 36.8 ms / 50 TB/s = 10.9%, printed as ~11%',
  ],
  ['roof.ridge', 1250, '≈ 1,250 FLOPs per byte', '4.5', 1250, null],
  [
    'roof.ridge_over_decode',
    600,
    '~600x below the ridge',
    '4.5',
    625,
    '625 printed as "~600"; with the FP4-correct 4 FLOP/B it is 312.5x',
  ],
  ['prefill.flops_per_token', 64000000000, '64 GFLOPs', '4.8', 64000000000, null],
  ['prefill.node_flops', 80000000000000000, '80 PFLOPS', '4.8', 80000000000000000, null],
  ['prefill.theoretical_tps', 1250000, '≈ 1.25M tok/s', '4.8', 1250000, null],
  ['prefill.measured_tps', 78000, '~78,000 tok/s', '4.7/4.8', 78000, null],
  [
    'prefill.mfu_stated',
    0.064,
    '≈ 6.4% MFU',
    '4.8',
    0.0624,
    '78,000/1.25M = 6.24%, not 6.4%; 78,000/1.25M = 6.24%; 6.4% x 1.25M = 80,000',
  ],
  ['prefill.at_stated_mfu', 80000, '80,000 tok/s', '4.9', 80000, null],
  ['ttft.demo_single', 1, '1 second TTFT', '4.9', 1, null],
  ['ttft.demo_per_user_rate', 5000, '~5,000 tok/s', '4.9', 5000, null],
  ['ttft.demo_shared', 16, '~16 seconds', '4.9', 16, null],
  [
    'kv.bytes_per_token',
    35000,
    '≈ 35 KB / token / user',
    '4.10.1',
    35136,
    '35,136 B printed as 35 KB; exact 35,136 B',
  ],
  ['kv.per_user_80k', 2800000000, '2.8 GB', '4.10.2', 2810880000, KV_35KB],
  ['kv.max_users_80k', 341, '~341', '4.10.2', 340, KV_35KB],
  ['kv.per_user_80k.compat', 2800000000, '2.8 GB', '4.10.2', 2800000000, null],
  ['kv.max_users_80k.compat', 341, '~341', '4.10.2', 341, null],
  ['kv.per_user_32k', 1120000000, '1.12 GB', '4.10.2', 1124352000, KV_35KB],
  ['kv.max_users_32k', 853, '~853', '4.10.2', 850, KV_35KB],
  ['kv.per_user_32k.compat', 1120000000, '1.12 GB', '4.10.2', 1120000000, null],
  ['kv.max_users_32k.compat', 853, '~853', '4.10.2', 853, null],
  ['batch.per_stream_fit_b8', 54, '~54 tok/s', '5.7', 54.34782608695652, DISPLAY_ROUNDING],
  [
    'batch.aggregate_b32_flat',
    1,
    'keeps aggregate flat',
    '5.7',
    1.0304,
    '32 × 14 = 448 against 16 / 36.8 ms = 434.8 tok/s: +3%, which the blog calls flat',
  ],
  [
    'pass.unique_experts',
    109,
    '≈ 109',
    '5.10 step 1',
    109.81912799252335,
    '109.82 floored to 109 (rounds to 110); exact 109.81; blog floors',
  ],
  ['pass.unique_experts.compat', 109, '≈ 109', '5.10 step 1', 109, null],
  ['pass.expert_slots_naive', 128, '128 expert slots', '5.10 step 1', 128, null],
  [
    'pass.expert_bytes',
    22500000,
    '22.5 MB',
    '5.10 step 1',
    22020096,
    '3 x 7168 x 2048 x 0.5 B = 22.02 MB, not 22.5 MB (22.5 MB = 45M params x 0.5); exact 22,020,096 B (2.1% below 22.5 MB)',
  ],
  [
    'pass.routed_bytes',
    149000000000,
    '~149 GB',
    '5.10 step 1',
    147511892202.93073,
    '149.6 GB truncated to 149',
  ],
  [
    'pass.routed_bytes.compat',
    149000000000,
    '~149 GB',
    '5.10 step 1',
    149602500000,
    '149.6 GB: blog truncates',
  ],
  ['pass.shared_bytes', 5600000000, '5.6 GB', '5.10 step 1', 5600000000, null],
  ['pass.kv_read_bytes', 44800000000, '16 x 2.8 GB = 44.8 GB', '5.10 step 1', 44974080000, KV_35KB],
  ['pass.kv_read_bytes.compat', 44800000000, '44.8 GB', '5.10 step 1', 44800000000, null],
  ['pass.total_bytes', 200000000000, '~200 GB', '5.10 step 1', 198085972202.93073, '199.4 GB -> ~200'],
  ['pass.total_bytes.compat', 200000000000, '~200 GB', '5.10 step 1', 200002500000, KV_AND_EXPERTS],
  ['pass.memory_time_napkin', 0.008, '≈ 8.0 ms', '5.10 step 2', 0.007923438888117229, KV_AND_EXPERTS],
  ['pass.memory_time_napkin.compat', 0.008, '≈ 8.0 ms', '5.10 step 2', 0.0080001, KV_AND_EXPERTS],
  ['pass.time_measured', 0.0368, '~36.8 ms', '5.10 step 3', 0.0368, null],
  ['pass.time_fit', 0.0316, '≈ 31.6 ms', '5.10 step 3', 0.0316, null],
  ['pass.fit_gap', 0.14, '~14% off measurement', '5.10 step 3', 0.14130434782608686, DISPLAY_ROUNDING],
  ['pass.time_napkin', 0.0092, '≈ 9.2 ms', '5.10 step 3', 0.009161719444058615, KV_AND_EXPERTS],
  ['pass.time_napkin.compat', 0.0092, '≈ 9.2 ms', '5.10 step 3', 0.00920005, KV_AND_EXPERTS],
  ['pass.napkin_gap', 4, '4x off measurement', '5.10 step 3', 4.016713262690535, KV_AND_EXPERTS],
  [
    'pass.mbu_reality_13',
    0.13,
    'closer to 13%',
    '5.10 step 3',
    0.12537086848286752,
    'contradicts ~11%; 12.7% is the MBU at which fixed + memory_time(overlap 1) = 36.8 ms; candidates: 12.54% (this formula, engine bytes), 12.66% (blog 200 GB), 12.47% (389.6 tok/s x 16 GB / 50 TB/s)',
  ],
  ['tps.per_stream_measured', 27, '≈ 27 tok/s per user', '5.10 step 4', 27.17391304347826, DISPLAY_ROUNDING],
  ['tps.output_per_gpu', 48.7, '48.7', '5.10 step 5', 48.7, null],
  ['tps.aggregate_measured', 390, '48.7 x 8 ≈ 390 tok/s', '5.10 step 5', 389.6, DISPLAY_ROUNDING],
  [
    'tps.aggregate_naive',
    432,
    '= 432',
    '5.10 step 5',
    434.7826086956522,
    'uses rounded 27; exact 434.8; blog used rounded 27 tok/s; exact 434.8',
  ],
  ['req.fresh', 13000, '~13K', '5.10 step 6', 13000, null],
  ['req.cached', 71000, '~71K', '5.10 step 6', 71000, null],
  ['req.output', 1056, '1,056 x 36.8 ms', '5.10 step 6', 1056, null],
  ['req.output_rounded', 1000, '~1K', '5.10 step 6', 1056, '1,056 -> ~1K; 1,056 is the default'],
  ['req.fresh_median', 9400, '~9,400', '5.10 step 8', 9400, null],
  ['pass.fixed_overhead', 0.0052, '~5.2 ms', '5.9/5.10', 0.0052, null],
  ['pass.per_slot', 0.00165, '1.65 x B (ms)', '5.10', 0.00165, null],
  ['pass.mbu_napkin', 0.5, '0.50 MBU', '5.10 step 2', 0.5, null],
  ['pass.overlap', 0.5, '0.5 overlap', '5.10 step 3', 0.5, null],
  ['batch.per_stream_b32_measured', 14, '~14 tok/s', '5.7', 14, null],
  ['price.api', 0.317, '$0.317/M', '5.11/6', 0.317, null],
  [
    'req.proc',
    85000,
    '~85K',
    '5.10 step 6',
    85056,
    '13K + 71K + ~1K printed as ~85K; the output average is 1,056',
  ],
  [
    'req.cache_hit_share',
    0.835,
    '~83.5% of input',
    '5.10 step 6',
    0.8452380952380952,
    '71/84 = 84.5%; 71/84 = 84.5%; 83.5% is a separately measured rate',
  ],
  ['little.lifecycle_tps', 24, '390 / 16 ≈ 24 tok/s', '5.10 step 6', 24.35, LITTLE_ROUNDING],
  [
    'little.e2e_derived',
    41.8,
    '1,000 / 24 ≈ 41.8 s',
    '5.10 step 6',
    43.36755646817248,
    '1000/24 = 41.67 printed as 41.8 (= measured 41.84); 1000/24 = 41.67; 1000/24.35 = 41.07; 1056/24.35 = 43.37; 41.8 is the measured 41.84 s',
  ],
  ['little.e2e_measured', 41.84, 'measured: 41.84s', '5.10 step 6', 41.84, null],
  ['little.req_rate', 0.38, '16 / 41.8 ≈ 0.38 req/s', '5.10 step 6', 0.36893939393939396, LITTLE_ROUNDING],
  ['little.proc_tps', 32000, '≈ 32K proc tok/s', '5.10 step 6', 31380.509090909094, '32,300 -> 32K'],
  ['little.output_share', 380, '0.38 x 1K ≈ 380 tok/s', '5.10 step 6', 389.6, LITTLE_ROUNDING],
  ['little.decode_time', 38.9, '≈ 38.9 seconds', '5.10 step 6', 38.8608, DISPLAY_ROUNDING],
  ['little.e2e_composed', 40.5, '1.6s + 38.9s ≈ 40.5 s', '5.10 step 6', 40.4308, DISPLAY_ROUNDING],
  ['cost.proc_tokens_per_hour', 115000000, '115M proc tok/hour', '5.10 step 7', 112969832.72727273, '115.2M'],
  ['cost.tp8_per_m', 0.42, '≈ $0.42 / M', '5.10 step 7', 0.42489219326260036, '0.4167 -> 0.42'],
  ['ttft.napkin', 1.9, '≈ 1.9 seconds', '5.10 step 8', 1.9282051282051282, DISPLAY_ROUNDING],
  ['ttft.measured_p50', 1.57, '1.57s', '5.10 step 8', 1.57, null],
  [
    'ttft.napkin_gap',
    0.2,
    'within ~20%',
    '5.10 step 8',
    0.2281561326147313,
    '22.8% (18.6% relative to the napkin)',
  ],
  ['tp4.replica_cost_month', 17520, '$17,520', '5.11', 17520, null],
  ['tp4.per_stream', 46, '~46 tok/s', '5.11', 46, null],
  ['tp4.proc_tps', 26600, '~26,600', '5.11', 26600, null],
  ['tp4.tokens_per_replica_month', 70000000000, '70 B', '5.11', 69904800000, TP4_ROUNDING],
  ['tp4.cost_per_m', 0.25, '$0.250 / M', '5.11', 0.2506265664160401, TP4_ROUNDING],
  ['tp4.replicas_per_node', 2, 'Two TP4 replicas', '5.11', 2, null],
  ['tp4.node_proc_tps', 53000, '~53K proc tok/s', '5.11', 53200, TP4_ROUNDING],
  [
    'tp4.uplift_ratio',
    1.63,
    '~63% more throughput',
    '5.11',
    1.6953198511177754,
    '53K/32K = +66%, not +63% (+63% needs TP8 = 32.6K); blog printed 53K/32K = 1.656; engine 53.2K/31.4K = 1.695',
  ],
  ['tp4.discount_vs_api', 0.21, '~21% cheaper', '5.11', 0.2093799166686433, TP4_ROUNDING],
  [
    'traffic.p50.tokens_per_request',
    85000,
    '~85K per request',
    '6',
    85384.61538461538,
    "the gateway's tiers give 85.4K/85.3K/86.1K tokens per request, printed as ~85K",
  ],
  [
    'traffic.p90.tokens_per_request',
    85000,
    '~85K per request',
    '6',
    85294.11764705883,
    "the gateway's tiers give 85.4K/85.3K/86.1K tokens per request, printed as ~85K",
  ],
  [
    'traffic.p99.tokens_per_request',
    85000,
    '~85K per request',
    '6',
    86052.63157894737,
    "the gateway's tiers give 85.4K/85.3K/86.1K tokens per request, printed as ~85K",
  ],
  ['traffic.trough', 110000, '~110K', '6', 110000, null],
  ['fleet.replicas', 4, 'N ≤ 4 replicas', '6', 4, null],
  ['fleet.boxes', 2, '2 physical 8-GPU boxes', '6', 2, null],
  ['fleet.selfhost_cost', 70080, '$70,080 / month', '6', 70080, null],
  ['fleet.selfhost_tokens', 280000000000, '280 B', '6', 279619200000, ROUNDED_INTERMEDIATES],
  [
    'fleet.monthly_tokens',
    583000000000,
    '583B',
    '6/7.1',
    583416000000,
    'inferred: P50 proc tok/s x 730 h = 583.4B (not stated in the blog)',
  ],
  ['fleet.spill_tokens', 303000000000, '303 B', '6', 303796800000, ROUNDED_INTERMEDIATES],
  ['fleet.spill_cost', 96051, '$96,051 / month', '6', 96303.58559999999, ROUNDED_INTERMEDIATES],
  ['fleet.hybrid_total', 166000, '$166K / month', '6', 166383.5856, ROUNDED_INTERMEDIATES],
  ['bill.all_api', 185000, '$185K / month', '7.1', 184942.872, ROUNDED_INTERMEDIATES],
  ['bill.savings', 19000, '$19K / month', '7.1', 18559.28640000001, '18,680 -> $19K'],
  ['bill.savings_pct', 0.1, '~10% savings', '7.1', 0.10035145555650293, ROUNDED_INTERMEDIATES],
  ['bill.autoscale_lo', 40000, '$40K', '7.2', 40687.43184, ROUNDED_INTERMEDIATES],
  ['table.annual_35k', 420000, '$420K', '7.2', 420000, null],
  ['table.annual_100k', 1200000, '$1.2M', '7.2', 1200000, null],
  ['table.annual_500k', 6000000, '$6M', '7.2', 6000000, null],
  ['table.annual_2m', 24000000, '$24M', '7.2', 24000000, null],
  ['table.best_35_100k', 180000, 'up to ~$180K/yr', '7.2', 180000, null],
  ['table.best_100_500k', 2100000, 'up to ~$2.1M/yr', '7.2', 2100000, null],
  ['table.best_500k_2m', 9600000, 'up to ~$9.6M/yr', '7.2', 9600000, null],
  [
    'table.best_2m_plus',
    10000000,
    '$10M+/yr',
    '7.2',
    9600000,
    '$9.6M at the row floor -> "$10M+"; 9.6M at the row floor; "$10M+" is a rounded lower bound',
  ],
  [
    'roof.decode_intensity',
    2,
    '~2 FLOPs per byte',
    '4.5',
    4,
    'FP4: 2 FLOP per 0.5 B = 4 FLOP/B; 2 FLOP/param / 0.5 B/param = 4 FLOP/B; the blog value holds only at 1 byte/param',
  ],
  [
    'batch.per_stream_b32',
    14,
    '~14 tok/s',
    '5.7',
    17.24137931034483,
    'measured; the fit gives 17.2; measured value; engine must expose it as an input; the fit overestimates by 23%',
  ],
  ['req.fresh_share', 0.165, '~16.5% of input', '5.10 step 6', 0.15476190476190477, '13/84 = 15.5%'],
  [
    'little.e2e_composed_gap',
    0.03,
    'within 3%',
    '5.10 step 6',
    0.03368068833652021,
    '3.2% > 3%; actual gap 3.4% (3.2% with the blog rounded 40.5): "within 3%" is false',
  ],
  [
    'bill.autoscale_hi',
    50000,
    '$50K',
    '7.2',
    46235.718,
    '$46K, not $50K; 25% x $185K = $46K; "$40-50K" is a loose range',
  ],
];

const byId: ReadonlyMap<string, BlogValue> = new Map(
  rows.map(([id, printed, text, section, engineAtBlogInputs, reason]) => [
    id,
    { printed, text, section, engineAtBlogInputs, agrees: reason === null, reason },
  ]),
);

/** Agrees (the same number), rounds (the engine's value printed to the blog's digits), or differs beyond that. */
export type BlogAgreement = 'agrees' | 'rounds' | 'differs';

/**
 * The step of the last digit the blog printed: 19,000 ("$19K") → 1,000; 312 → 1; 2.6 → 0.1; 0.064 → 0.001.
 * Trailing zeros of a whole number are read as not significant ("~600" is one digit).
 */
export function printedStep(printed: number): number {
  if (!Number.isFinite(printed) || printed === 0) return 0;
  const magnitude = Math.abs(printed);
  for (let digits = 1; digits <= 15; digits++) {
    const step = 10 ** (Math.floor(Math.log10(magnitude)) - digits + 1);
    if (Math.abs(Math.round(magnitude / step) * step - magnitude) <= magnitude * 1e-12) return step;
  }
  return 0;
}

/**
 * Whether the blog's number is the engine's at the blog's inputs, that number rounded to the digits the
 * blog printed (so only display rounding parts them), or a number that differs beyond rounding.
 */
export function blogAgreement(blog: BlogValue): BlogAgreement {
  if (blog.agrees) return 'agrees';
  // "within 3%" is a bound, not a rounded number: it holds or it does not ("within ~20%" is approximate)
  if (/\bwithin \d/.test(blog.text)) return blog.engineAtBlogInputs <= blog.printed ? 'rounds' : 'differs';
  const step = printedStep(blog.printed);
  return Math.abs(blog.engineAtBlogInputs - blog.printed) <= step / 2 + Math.abs(blog.printed) * 1e-12
    ? 'rounds'
    : 'differs';
}

/** What the blog prints for a figure id; the `.compat` row under blog_compat; undefined = not printed. */
export function blogValueOf(figureId: string, preset: string): BlogValue | undefined {
  if (preset === 'blog_compat') return byId.get(`${figureId}.compat`) ?? byId.get(figureId);
  return byId.get(figureId);
}

/** Every golden id the table holds (with the `.compat` rows). */
export const blogValueIds: readonly string[] = rows.map((row) => row[0]);
