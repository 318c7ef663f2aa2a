// The `projection` object of `ridgeline project --json`: ridgeline's per-operator model for scripts, with
// exactly the names issue 11 fixes (other tools read them). Figures that cannot exist (the model does not
// fit, a batch past the KV capacity) are null; the reason is in the document's `warnings`.
import type { ScenarioResult } from '../../model/evaluate.ts';
import { boundAt } from '../../model/physics/decodeCurve.ts';
import type { BoundBy } from '../../model/physics/types.ts';

/** B = 1, 2, 4, …, 512: the batches every decode list carries, plus the scenario's own. */
export const PROJECTION_BATCHES: readonly number[] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

export interface DecodeEntry {
  batch: number;
  stepSeconds: number | null;
  perStreamTps: number | null;
  aggregateTps: number | null;
  mbu: number | null;
  mfu: number | null;
  boundBy: BoundBy | null;
}

export interface OpEntry {
  name: string;
  bytes: number;
  flops: number;
  seconds: number;
  boundBy: BoundBy;
}

export interface ProjectionJson {
  hardware: {
    id: string;
    label: string;
    gpusPerNode: number;
    memoryBytesPerGpu: number;
    bandwidthBpsPerGpu: number;
    peakFlopsPerGpu: number;
    layout: { tp: number; pp: number; ep: number; dp: number };
  };
  fits: boolean;
  decode: DecodeEntry[];
  prefill: { promptTokens: number; seconds: number; tps: number; mfu: number } | null;
  ttftSeconds: number | null;
  costPerMTokensUsd: number | null;
  slaBatch: number | null;
  ops: OpEntry[];
}

export function projectionJson(result: ScenarioResult, chosenBatch: number): ProjectionJson {
  const p = result.projection;
  const curve = p.curve;
  const capacity = p.memory?.maxStreams ?? 0;
  const batches = [...new Set([...PROJECTION_BATCHES, chosenBatch])].sort((a, b) => a - b);
  const decode = batches.map((batch): DecodeEntry => {
    const i = batch - 1;
    // the scenario's own batch is the point the table prints: past the swept B = 1…512 it is there
    // only as `chosen` (null exactly when it exceeds the KV capacity, which `warnings` says)
    const chosen = p.chosen;
    const pastCurve = curve === null || batch > curve.maxBatch;
    if (pastCurve && batch === chosenBatch && chosen !== null && chosen.batch === batch) {
      return {
        batch,
        stepSeconds: chosen.step.seconds,
        perStreamTps: chosen.perStreamTps,
        aggregateTps: chosen.aggregateTps,
        mbu: chosen.mbu,
        mfu: chosen.mfu,
        boundBy: chosen.step.boundBy,
      };
    }
    if (curve === null || batch > capacity || batch > curve.maxBatch) {
      return {
        batch,
        stepSeconds: null,
        perStreamTps: null,
        aggregateTps: null,
        mbu: null,
        mfu: null,
        boundBy: null,
      };
    }
    return {
      batch,
      stepSeconds: curve.stepSeconds[i] ?? null,
      perStreamTps: curve.perStreamTps[i] ?? null,
      aggregateTps: curve.aggregateTps[i] ?? null,
      mbu: curve.mbu[i] ?? null,
      mfu: curve.mfu[i] ?? null,
      boundBy: boundAt(curve, batch),
    };
  });
  const ops = (p.chosen?.step.ops ?? []).map((op) => ({
    name: op.name,
    bytes: op.bytes,
    flops: op.flops,
    seconds: op.seconds,
    boundBy: op.boundBy,
  }));
  return {
    hardware: {
      id: p.hardware.gpuId,
      label: p.hardware.label,
      gpusPerNode: p.hardware.gpusPerNode,
      memoryBytesPerGpu: p.hardware.memoryBytesPerGpu,
      bandwidthBpsPerGpu: p.hardware.bandwidthBpsPerGpu,
      peakFlopsPerGpu: p.hardware.peakFlopsPerGpu,
      layout: { ...p.layout },
    },
    fits: p.fits,
    decode,
    prefill:
      p.prefill === null || !p.fits
        ? null
        : {
            promptTokens: p.prefill.promptTokens,
            seconds: p.prefill.seconds,
            tps: p.prefill.tps,
            mfu: p.prefill.mfu,
          },
    ttftSeconds: p.ttftSeconds,
    costPerMTokensUsd: p.economics?.costPerMTokensUsd ?? null,
    slaBatch: p.sla.batch,
    ops,
  };
}
