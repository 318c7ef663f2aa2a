// The blog's printed value for every figure where the faithful engine differs from it, with the
// reason. Baked from tests/fixtures/seed-golden.json (fields expected, blog_text, engine_value and the
// notes) so the page never fetches the spec at run time; tests/unit/explorer/blogValues.test.ts fails
// when this table drifts from the golden file.

export interface BlogValue {
  /** the number as the blog prints it, SI units */
  readonly printed: number;
  /** the blog's wording */
  readonly text: string;
  /** what the faithful engine gives at the blog's own inputs */
  readonly engineAtBlogInputs: number;
  /** why the two differ (the spec's inconsistency notes) */
  readonly reason: string;
}

type Row = readonly [id: string, printed: number, text: string, engineAtBlogInputs: number, reason: string];

/** Spec I-13, the reason shared by the Little's-law rows. */
const LITTLE_ROUNDING =
  "I-13: the blog rounds each step of the Little's-law chain (24, 41.8, 0.38, 32K); the engine carries full precision with output 1,056";

const rows: readonly Row[] = [
  ['cost.entry_ticket_month', 35000, '$35K+/month', 35040, '$35,040 -> "$35K+"'],
  ['mem.gpus_to_load_raw', 2.6, '2.60', 2.6041666666666665, 'display rounding of the same number'],
  ['decode.realistic_lo_tps', 312, '312 tok/s', 312.5, 'display rounding of the same number'],
  [
    'decode.mbu_measured_reproduced',
    0.11,
    '~11% MBU',
    0.10765541967550583,
    'not shown in the blog; 200 GB / 36.8 ms / 50 TB/s = 10.9%',
  ],
  [
    'decode.mbu_measured_reproduced.compat',
    0.11,
    '~11% MBU',
    0.10869701086956521,
    'I-9: 200 GB / 36.8 ms / 50 TB/s = 10.9%, printed as ~11%',
  ],
  [
    'roof.ridge_over_decode',
    600,
    '~600x below the ridge',
    625,
    '625 printed as "~600"; with the FP4-correct 4 FLOP/B it is 312.5x',
  ],
  [
    'prefill.mfu_stated',
    0.064,
    '≈ 6.4% MFU',
    0.0624,
    '78,000/1.25M = 6.24%, not 6.4%; 78,000/1.25M = 6.24%; 6.4% x 1.25M = 80,000',
  ],
  ['kv.bytes_per_token', 35000, '≈ 35 KB / token / user', 35136, '35,136 B printed as 35 KB; exact 35,136 B'],
  [
    'kv.per_user_80k',
    2800000000,
    '2.8 GB',
    2810880000,
    'I-2: the blog uses 35 KB per token; the exact MLA size is 61 × 576 × 1 B = 35,136 B',
  ],
  [
    'kv.max_users_80k',
    341,
    '~341',
    340,
    'I-2: the blog uses 35 KB per token; the exact MLA size is 61 × 576 × 1 B = 35,136 B',
  ],
  [
    'kv.per_user_32k',
    1120000000,
    '1.12 GB',
    1124352000,
    'I-2: the blog uses 35 KB per token; the exact MLA size is 61 × 576 × 1 B = 35,136 B',
  ],
  [
    'kv.max_users_32k',
    853,
    '~853',
    850,
    'I-2: the blog uses 35 KB per token; the exact MLA size is 61 × 576 × 1 B = 35,136 B',
  ],
  ['batch.per_stream_fit_b8', 54, '~54 tok/s', 54.34782608695652, 'display rounding of the same number'],
  [
    'batch.aggregate_b32_flat',
    1,
    'keeps aggregate flat',
    1.0304,
    'I-17: 32 × 14 = 448 against 16 / 36.8 ms = 434.8 tok/s: +3%, which the blog calls flat',
  ],
  [
    'pass.unique_experts',
    109,
    '≈ 109',
    109.81912799252335,
    '109.82 floored to 109 (rounds to 110); exact 109.81; blog floors',
  ],
  [
    'pass.expert_bytes',
    22500000,
    '22.5 MB',
    22020096,
    '3 x 7168 x 2048 x 0.5 B = 22.02 MB, not 22.5 MB (22.5 MB = 45M params x 0.5); exact 22,020,096 B (2.1% below 22.5 MB)',
  ],
  ['pass.routed_bytes', 149000000000, '~149 GB', 147511892202.93073, '149.6 GB truncated to 149'],
  ['pass.routed_bytes.compat', 149000000000, '~149 GB', 149602500000, '149.6 GB: blog truncates'],
  [
    'pass.kv_read_bytes',
    44800000000,
    '16 x 2.8 GB = 44.8 GB',
    44974080000,
    'I-2: the blog uses 35 KB per token; the exact MLA size is 61 × 576 × 1 B = 35,136 B',
  ],
  ['pass.total_bytes', 200000000000, '~200 GB', 198085972202.93073, '199.4 GB -> ~200'],
  [
    'pass.total_bytes.compat',
    200000000000,
    '~200 GB',
    200002500000,
    "I-2/I-3: the blog's 35 KB KV and 22.5 MB experts; exact 35,136 B and 22,020,096 B (and ≈109 unique experts, floored)",
  ],
  [
    'pass.memory_time_napkin',
    0.008,
    '≈ 8.0 ms',
    0.007923438888117229,
    "I-2/I-3: the blog's 35 KB KV and 22.5 MB experts; exact 35,136 B and 22,020,096 B (and ≈109 unique experts, floored)",
  ],
  [
    'pass.memory_time_napkin.compat',
    0.008,
    '≈ 8.0 ms',
    0.0080001,
    "I-2/I-3: the blog's 35 KB KV and 22.5 MB experts; exact 35,136 B and 22,020,096 B (and ≈109 unique experts, floored)",
  ],
  ['pass.fit_gap', 0.14, '~14% off measurement', 0.14130434782608686, 'display rounding of the same number'],
  [
    'pass.time_napkin',
    0.0092,
    '≈ 9.2 ms',
    0.009161719444058615,
    "I-2/I-3: the blog's 35 KB KV and 22.5 MB experts; exact 35,136 B and 22,020,096 B (and ≈109 unique experts, floored)",
  ],
  [
    'pass.time_napkin.compat',
    0.0092,
    '≈ 9.2 ms',
    0.00920005,
    "I-2/I-3: the blog's 35 KB KV and 22.5 MB experts; exact 35,136 B and 22,020,096 B (and ≈109 unique experts, floored)",
  ],
  [
    'pass.napkin_gap',
    4,
    '4x off measurement',
    4.016713262690535,
    "I-2/I-3: the blog's 35 KB KV and 22.5 MB experts; exact 35,136 B and 22,020,096 B (and ≈109 unique experts, floored)",
  ],
  [
    'pass.mbu_reality_13',
    0.13,
    'closer to 13%',
    0.12537086848286752,
    'contradicts ~11%; 12.7% is the MBU at which fixed + memory_time(overlap 1) = 36.8 ms; candidates: 12.54% (this formula, engine bytes), 12.66% (blog 200 GB), 12.47% (389.6 tok/s x 16 GB / 50 TB/s)',
  ],
  [
    'tps.per_stream_measured',
    27,
    '≈ 27 tok/s per user',
    27.17391304347826,
    'display rounding of the same number',
  ],
  ['tps.aggregate_measured', 390, '48.7 x 8 ≈ 390 tok/s', 389.6, 'display rounding of the same number'],
  [
    'tps.aggregate_naive',
    432,
    '= 432',
    434.7826086956522,
    'uses rounded 27; exact 434.8; blog used rounded 27 tok/s; exact 434.8',
  ],
  ['req.output_rounded', 1000, '~1K', 1056, '1,056 -> ~1K; spec I-12: 1,056 is the default'],
  ['req.proc', 85000, '~85K', 85056, 'I-12: 13K + 71K + ~1K printed as ~85K; the output average is 1,056'],
  [
    'req.cache_hit_share',
    0.835,
    '~83.5% of input',
    0.8452380952380952,
    '71/84 = 84.5%; 71/84 = 84.5%; 83.5% is a separately measured rate',
  ],
  ['little.lifecycle_tps', 24, '390 / 16 ≈ 24 tok/s', 24.35, LITTLE_ROUNDING],
  [
    'little.e2e_derived',
    41.8,
    '1,000 / 24 ≈ 41.8 s',
    43.36755646817248,
    '1000/24 = 41.67 printed as 41.8 (= measured 41.84); 1000/24 = 41.67; 1000/24.35 = 41.07; 1056/24.35 = 43.37; 41.8 is the measured 41.84 s',
  ],
  ['little.req_rate', 0.38, '16 / 41.8 ≈ 0.38 req/s', 0.36893939393939396, LITTLE_ROUNDING],
  ['little.proc_tps', 32000, '≈ 32K proc tok/s', 31380.509090909094, '32,300 -> 32K'],
  ['little.output_share', 380, '0.38 x 1K ≈ 380 tok/s', 389.6, LITTLE_ROUNDING],
  ['little.decode_time', 38.9, '≈ 38.9 seconds', 38.8608, 'display rounding of the same number'],
  ['little.e2e_composed', 40.5, '1.6s + 38.9s ≈ 40.5 s', 40.4308, 'display rounding of the same number'],
  ['cost.proc_tokens_per_hour', 115000000, '115M proc tok/hour', 112969832.72727273, '115.2M'],
  ['cost.tp8_per_m', 0.42, '≈ $0.42 / M', 0.42489219326260036, '0.4167 -> 0.42'],
  ['ttft.napkin', 1.9, '≈ 1.9 seconds', 1.9282051282051282, 'display rounding of the same number'],
  ['ttft.napkin_gap', 0.2, 'within ~20%', 0.2281561326147313, '22.8% (18.6% relative to the napkin)'],
  [
    'tp4.tokens_per_replica_month',
    70000000000,
    '70 B',
    69904800000,
    'I-18/I-19: 26,600 proc tok/s per TP4 replica is measured; the blog rounds 70 B tokens and $0.250/M',
  ],
  [
    'tp4.cost_per_m',
    0.25,
    '$0.250 / M',
    0.2506265664160401,
    'I-18/I-19: 26,600 proc tok/s per TP4 replica is measured; the blog rounds 70 B tokens and $0.250/M',
  ],
  [
    'tp4.node_proc_tps',
    53000,
    '~53K proc tok/s',
    53200,
    'I-18/I-19: 26,600 proc tok/s per TP4 replica is measured; the blog rounds 70 B tokens and $0.250/M',
  ],
  [
    'tp4.uplift_ratio',
    1.63,
    '~63% more throughput',
    1.6953198511177754,
    '53K/32K = +66%, not +63% (+63% needs TP8 = 32.6K); blog printed 53K/32K = 1.656; engine 53.2K/31.4K = 1.695',
  ],
  [
    'tp4.discount_vs_api',
    0.21,
    '~21% cheaper',
    0.2093799166686433,
    'I-18/I-19: 26,600 proc tok/s per TP4 replica is measured; the blog rounds 70 B tokens and $0.250/M',
  ],
  [
    'traffic.p50.tokens_per_request',
    85000,
    '~85K per request',
    85384.61538461538,
    "F67: the gateway's tiers give 85.4K/85.3K/86.1K tokens per request, printed as ~85K",
  ],
  [
    'traffic.p90.tokens_per_request',
    85000,
    '~85K per request',
    85294.11764705883,
    "F67: the gateway's tiers give 85.4K/85.3K/86.1K tokens per request, printed as ~85K",
  ],
  [
    'traffic.p99.tokens_per_request',
    85000,
    '~85K per request',
    86052.63157894737,
    "F67: the gateway's tiers give 85.4K/85.3K/86.1K tokens per request, printed as ~85K",
  ],
  [
    'fleet.selfhost_tokens',
    280000000000,
    '280 B',
    279619200000,
    'I-22: the blog carries rounded intermediates (70 B, 280 B, 303 B, 583 B); the engine does not',
  ],
  [
    'fleet.monthly_tokens',
    583000000000,
    '583B',
    583416000000,
    'inferred: P50 proc tok/s x 730 h = 583.4B (not stated in the blog)',
  ],
  [
    'fleet.spill_tokens',
    303000000000,
    '303 B',
    303796800000,
    'I-22: the blog carries rounded intermediates (70 B, 280 B, 303 B, 583 B); the engine does not',
  ],
  [
    'fleet.spill_cost',
    96051,
    '$96,051 / month',
    96303.58559999999,
    'I-22: the blog carries rounded intermediates (70 B, 280 B, 303 B, 583 B); the engine does not',
  ],
  [
    'fleet.hybrid_total',
    166000,
    '$166K / month',
    166383.5856,
    'I-22: the blog carries rounded intermediates (70 B, 280 B, 303 B, 583 B); the engine does not',
  ],
  [
    'bill.all_api',
    185000,
    '$185K / month',
    184942.872,
    'I-22: the blog carries rounded intermediates (70 B, 280 B, 303 B, 583 B); the engine does not',
  ],
  ['bill.savings', 19000, '$19K / month', 18559.28640000001, '18,680 -> $19K'],
  [
    'bill.savings_pct',
    0.1,
    '~10% savings',
    0.10035145555650293,
    'I-22: the blog carries rounded intermediates (70 B, 280 B, 303 B, 583 B); the engine does not',
  ],
  [
    'bill.autoscale_lo',
    40000,
    '$40K',
    40687.43184,
    'I-22: the blog carries rounded intermediates (70 B, 280 B, 303 B, 583 B); the engine does not',
  ],
  [
    'table.best_2m_plus',
    10000000,
    '$10M+/yr',
    9600000,
    '$9.6M at the row floor -> "$10M+"; 9.6M at the row floor; "$10M+" is a rounded lower bound',
  ],
  [
    'roof.decode_intensity',
    2,
    '~2 FLOPs per byte',
    4,
    'FP4: 2 FLOP per 0.5 B = 4 FLOP/B; 2 FLOP/param / 0.5 B/param = 4 FLOP/B; the blog value holds only at 1 byte/param',
  ],
  [
    'batch.per_stream_b32',
    14,
    '~14 tok/s',
    17.24137931034483,
    'measured; the fit gives 17.2; measured value; engine must expose it as an input; the fit overestimates by 23%',
  ],
  ['req.fresh_share', 0.165, '~16.5% of input', 0.15476190476190477, '13/84 = 15.5%'],
  [
    'little.e2e_composed_gap',
    0.03,
    'within 3%',
    0.03368068833652021,
    '3.2% > 3%; actual gap 3.4% (3.2% with the blog rounded 40.5): "within 3%" is false',
  ],
  [
    'bill.autoscale_hi',
    50000,
    '$50K',
    46235.718,
    '$46K, not $50K; 25% x $185K = $46K; "$40-50K" is a loose range',
  ],
];

const byId: ReadonlyMap<string, BlogValue> = new Map(
  rows.map(([id, printed, text, engineAtBlogInputs, reason]) => [
    id,
    { printed, text, engineAtBlogInputs, reason },
  ]),
);

/** The blog value of a figure id where it differs from the engine; the `.compat` row under blog_compat. */
export function blogValueOf(figureId: string, preset: string): BlogValue | undefined {
  if (preset === 'blog_compat') return byId.get(`${figureId}.compat`) ?? byId.get(figureId);
  return byId.get(figureId);
}

export const blogValueIds: readonly string[] = rows.map((row) => row[0]);
