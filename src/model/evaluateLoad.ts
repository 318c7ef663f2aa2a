// ridgeline's load projection of one scenario: the serving simulator (src/model/serving) run as the
// blog's load test (one replica at a ladder of concurrency levels), the SLA pick on what it measured
// (a TTFT p99 and a per-stream rate), $/M from the simulated throughput at that point, an open loop at
// the workload's QPS when it asks for one, and the fleet each traffic tier needs with queueing. Far more
// work than evaluate.ts (tens to hundreds of milliseconds), so it is its own entry: the CLI runs it for
// --load, the page in a worker, one unit at a time so progress shows and a stale run stops between units.

import {
  type LoadEconomics,
  type LoadFleetRow,
  loadEconomics,
  loadFleet,
} from './economics/loadEconomics.ts';
import type { ScenarioInputs } from './scenario/inputs.ts';
import { layoutOf } from './scenario/servedModel.ts';
import {
  type LoadPlan,
  type LoadPoint,
  type LoadWorkload,
  loadPlan,
  simulateLevel,
  simulateOpenLoop,
} from './serving/loadSweep.ts';
import { type LoadSlaPick, pickLoadSla } from './sweep/loadSla.ts';
import { predictOnScenario } from './validation/predict.ts';
import { measurementsFor } from './validation/scenarioMeasurements.ts';

export interface LoadResult {
  readonly workload: LoadWorkload;
  /** one per concurrency level, closed loop */
  readonly points: readonly LoadPoint[];
  readonly sla: LoadSlaPick;
  /** at the SLA pick; null when no level meets the SLA */
  readonly economics: LoadEconomics | null;
  /** the workload's open loop (its qps, its concurrency as conversations); null for a closed workload */
  readonly openLoop: LoadPoint | null;
  /** P50/P90/P99 traffic served within the SLA, open loop; empty when no level meets the SLA */
  readonly fleet: readonly LoadFleetRow[];
  /** the published TTFTs measured on this scenario, each predicted by re-running its load test */
  readonly measurements: readonly { readonly id: string; readonly predictedSeconds: number | null }[];
  readonly notes: readonly string[];
}

/** A steady state keeps Little's law this close (issue 19); beyond it the run was too short. */
export const LITTLE_TOLERANCE = 0.02;

export interface LoadProgress {
  readonly done: number;
  readonly total: number;
  /** what runs next (or ran last, when done = total) */
  readonly label: string;
}

/** A load projection run one unit (a level, the open loop, the fleet) at a time. */
export interface LoadRun {
  readonly total: number;
  /** runs the next unit; false when every unit has run */
  step(): boolean;
  progress(): LoadProgress;
  result(): LoadResult;
}

export function startLoad(inputs: ScenarioInputs): LoadRun | { readonly problems: readonly string[] } {
  const plan: LoadPlan | { readonly problems: readonly string[] } = loadPlan(inputs);
  if ('problems' in plan) return { problems: plan.problems };
  const { workload } = plan;
  const levels = workload.levels;
  const open = workload.arrival === 'open';
  const published = measurementsFor(inputs).filter((m) => m.loadTest !== undefined);
  const total = levels.length + (open ? 1 : 0) + 1 + (published.length > 0 ? 1 : 0);
  let measurements: LoadResult['measurements'] = [];
  const points: LoadPoint[] = [];
  let openLoop: LoadPoint | null = null;
  let fleet: LoadFleetRow[] = [];
  let done = 0;
  const targets = {
    ttftP99Seconds: inputs.workload.slaTtftP99Seconds,
    perStreamTps: inputs.scenario.slaPerStreamTps,
  };
  const pick = () => pickLoadSla(points, targets.ttftP99Seconds, targets.perStreamTps);
  const label = (unit: number): string => {
    if (unit < levels.length) return `${levels[unit]} concurrent streams`;
    if (open && unit === levels.length) return `open loop at ${workload.qps} req/s`;
    if (unit === levels.length + (open ? 1 : 0)) return 'fleet for the traffic tiers';
    return 'the published TTFTs of this scenario';
  };
  return {
    total,
    step() {
      if (done >= total) return false;
      if (done < levels.length) points.push(simulateLevel(plan, done));
      else if (open && done === levels.length)
        openLoop = simulateOpenLoop(plan, workload.qps, workload.concurrency, 8 * workload.concurrency);
      else if (done === levels.length + (open ? 1 : 0)) {
        const sla = pick();
        if (sla.point !== null) fleet = loadFleet(inputs, plan, sla.point, targets, layoutOf(inputs));
      } else
        measurements = published.map((m) => ({
          id: m.id,
          predictedSeconds: predictOnScenario(inputs, m).predicted,
        }));
      done++;
      return done < total;
    },
    progress: () => ({ done, total, label: label(Math.min(done, total - 1)) }),
    result() {
      const sla = pick();
      const notes = [...plan.notes];
      const worst = Math.max(0, ...points.map((p) => p.littleError));
      if (worst > LITTLE_TOLERANCE)
        notes.push(
          `Little's law is off by up to ${(100 * worst).toFixed(1)} % at some levels: too few requests per level for a steady state (raise workload.requests, --requests)`,
        );
      if (sla.point === null)
        notes.push(
          `no simulated level meets the SLA (TTFT p99 <= ${targets.ttftP99Seconds} s and >= ${targets.perStreamTps} tok/s per stream): no $/M or fleet from the simulation`,
        );
      return {
        workload,
        points,
        sla,
        economics: sla.point === null ? null : loadEconomics(inputs, layoutOf(inputs), sla.point),
        openLoop,
        fleet,
        measurements,
        notes,
      };
    },
  };
}

/** The whole load projection at once (the CLI); `onProgress` after each unit. */
export function evaluateLoad(
  inputs: ScenarioInputs,
  onProgress?: (progress: LoadProgress) => void,
): LoadResult | { readonly problems: readonly string[] } {
  const run = startLoad(inputs);
  if ('problems' in run) return run;
  while (run.step()) onProgress?.(run.progress());
  onProgress?.(run.progress());
  return run.result();
}
