// `ridgeline project --load`: the load simulation as the blog's load test reads (§8.3): per concurrency
// level TTFT, inter-token latency, per-stream and aggregate tok/s, cache hit rate and KV use; then the SLA
// pick and $/M from the simulated throughput, the blog's napkin beside them on its own scenario, the
// workload's open loop and each traffic tier's fleet. JSON: `projection.load` (projectionLoadJson).
import type { LoadResult } from '../../model/evaluateLoad.ts';
import type { LoadDistribution } from '../../model/serving/loadSweep.ts';
import type { ProjectOutcome } from '../projectScenario.ts';
import { formatValue } from './projectFormat.ts';
import { alignedRows } from './projectModelTable.ts';

const count = (value: number) => Math.round(value).toLocaleString('en-US');

function distribution(d: LoadDistribution): string {
  return d.spread > 0
    ? `${count(d.median)} median (lognormal σ ${d.spread}, mean ${count(d.mean)})`
    : `${count(d.median)} (fixed)`;
}

export function loadLines({ load, result }: ProjectOutcome): string[] {
  if (load === null) return [];
  const w = load.workload;
  const lines = [
    "LOAD (ridgeline's serving simulator: one replica, continuous batching, each step from the per-operator model)",
    `  workload: cached ${distribution(w.cachedTokens)}, fresh ${distribution(w.freshTokens)}, output ${distribution(w.outputTokens)} tokens`,
    `  closed loop: N streams, each sending its next turn when the last finishes; ${count(w.requests)} requests measured after ${w.warmupTurns} warm-up turn${w.warmupTurns === 1 ? '' : 's'} per stream; seed ${w.seed}`,
    `  KV cache: ${formatValue(w.kvCapacityTokens, 'tokens')} in blocks of ${w.kvBlockTokens}, ${w.kvCapacityStreams.toFixed(1)} mean requests at once; ${count(w.maxBatchedTokens)} tokens and ${count(w.maxSequences)} sequences per step`,
  ];
  // two tables per level, so each fits 100 columns: what a stream sees, then what the replica does
  const latency: string[][] = [
    ['  streams', 'TTFT p50', 'TTFT p90', 'TTFT p99', 'ITL p50', 'ITL p99', 'per-stream', 'aggregate'],
  ];
  const replica: string[][] = [['  streams', 'processed', 'cache hit', 'KV use', 'evicted', 'requests']];
  for (const p of load.points) {
    const level = `  ${p.concurrency}${p.concurrency === load.sla.concurrency ? ' (SLA)' : ''}`;
    latency.push([
      level,
      formatValue(p.ttftP50Seconds, 's'),
      formatValue(p.ttftP90Seconds, 's'),
      formatValue(p.ttftP99Seconds, 's'),
      formatValue(p.itlP50Seconds, 's'),
      formatValue(p.itlP99Seconds, 's'),
      formatValue(p.perStreamTps, 'tok/s'),
      formatValue(p.aggregateTps, 'tok/s'),
    ]);
    replica.push([
      level,
      formatValue(p.processedTps, 'tok/s'),
      formatValue(p.cacheHitRate, ''),
      formatValue(p.kvUtilisation, ''),
      formatValue(p.evictedTokens, 'tokens'),
      count(p.completedRequests),
    ]);
  }
  lines.push(...alignedRows(latency), '', ...alignedRows(replica));
  const worst = Math.max(...load.points.map((p) => p.littleError));
  lines.push(
    `  Little's law: streams = requests/s × mean latency within ${formatValue(worst, '')} at every level`,
  );
  lines.push(...slaLines(load, result.figures));
  for (const note of load.notes) lines.push(`  note: ${note}`);
  return lines;
}

function slaLines(load: LoadResult, figures: ProjectOutcome['result']['figures']): string[] {
  const { sla, economics } = load;
  const lines = [
    `  SLA pick (§5.6): the most streams with TTFT p99 <= ${formatValue(sla.targetTtftP99Seconds, 's')} and >= ${formatValue(sla.targetPerStreamTps, 'tok/s')} per stream: ${sla.concurrency === null ? 'none meets it' : `${sla.concurrency} streams`}`,
  ];
  if (economics !== null) {
    lines.push(
      `  ridgeline's model: ${formatValue(economics.processedTps, 'tok/s')} processed at ${formatValue(economics.costPerHourUsd, 'USD/h')} → ${formatValue(economics.costPerMProcUsd, 'USD')} per M processed tokens`,
    );
  }
  const napkinTtft = figures['ttft.napkin'];
  const measuredTtft = figures['ttft.measured_p50'];
  const napkinCost = figures['cost.tp8_per_m'];
  const napkinProc = figures['little.proc_tps'];
  if (napkinTtft && measuredTtft && napkinCost && napkinProc) {
    lines.push(
      `  the blog's napkin: TTFT ${formatValue(napkinTtft.value, 's')} at c = 16 (F48; its load test measured p50 ${formatValue(measuredTtft.value, 's')}), ${formatValue(napkinProc.value, 'tok/s')} processed, ${formatValue(napkinCost.value, 'USD')} per M processed tokens`,
    );
  }
  if (load.openLoop !== null) {
    const p = load.openLoop;
    lines.push(
      `  open loop at ${formatValue(load.workload.qps, 'req/s')}: TTFT p50 ${formatValue(p.ttftP50Seconds, 's')}, p99 ${formatValue(p.ttftP99Seconds, 's')}; ${formatValue(p.perStreamTps, 'tok/s')} per stream; ${p.concurrency.toFixed(1)} requests in the system on average; cache hit ${formatValue(p.cacheHitRate, '')}`,
    );
  }
  if (load.fleet.length > 0) {
    lines.push(
      '  fleet per traffic tier (§6), open loop with queueing: the replicas that keep the SLA at the tier’s QPS',
    );
    const rows: string[][] = [
      ['    tier', 'QPS', 'replicas', 'TTFT p50', 'TTFT p99', 'per-stream', 'cache hit', 'SLA', '$/month'],
    ];
    for (const f of load.fleet) {
      rows.push([
        `    ${f.tier.toUpperCase()}`,
        formatValue(f.qps, 'req/s'),
        count(f.replicas),
        formatValue(f.point.ttftP50Seconds, 's'),
        formatValue(f.point.ttftP99Seconds, 's'),
        formatValue(f.point.perStreamTps, 'tok/s'),
        formatValue(f.point.cacheHitRate, ''),
        f.meetsSla ? 'met' : 'missed',
        formatValue(f.costPerMonthUsd, 'USD'),
      ]);
    }
    lines.push(...alignedRows(rows));
  }
  return lines;
}

/** `projection.load` of --json: the workload and one entry per level, with the names docs/json.md lists. */
export function projectionLoadJson(load: LoadResult) {
  return {
    workload: load.workload,
    points: load.points,
    sla: {
      targetTtftP99Seconds: load.sla.targetTtftP99Seconds,
      targetPerStreamTps: load.sla.targetPerStreamTps,
      concurrency: load.sla.concurrency,
    },
    economics: load.economics,
    openLoop: load.openLoop,
    fleet: load.fleet.map((f) => ({
      tier: f.tier,
      qps: f.qps,
      replicas: f.replicas,
      qpsPerReplica: f.qpsPerReplica,
      conversations: f.conversations,
      meetsSla: f.meetsSla,
      costPerMonthUsd: f.costPerMonthUsd,
      point: f.point,
    })),
    measurements: load.measurements,
    notes: load.notes,
  };
}
