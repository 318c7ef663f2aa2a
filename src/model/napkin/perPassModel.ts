// The per-pass decode model as functions of batch B (F26–F33), shared by the chain and the batch sweep.
import type { EmpiricalInputs, UniqueExpertsRounding } from '../scenario/inputs.ts';

/**
 * F26: expected distinct experts per MoE layer when each of B tokens picks k of E experts uniformly:
 * one token misses a given expert with probability (E−k)/E. Dense models (E = 0 or k = 0) read none.
 */
export function uniqueExperts(E: number, k: number, batch: number, rounding: UniqueExpertsRounding): number {
  if (E <= 0 || k <= 0) return 0;
  return roundExperts(expectedUnique(E, k, batch, ((E - k) / E) ** batch), rounding);
}

/**
 * E·(1 − missAll) held to its exact bounds min(E, B·k): in floating point E·(1 − (E−k)/E) can land one
 * ulp above k (E=43, k=1 gives 1.0000000000000009).
 */
export function expectedUnique(E: number, k: number, batch: number, missAll: number): number {
  return Math.min(E * (1 - missAll), E, batch * k);
}

/**
 * The blog floors ("≈109" for 109.82, I-4b). A relative nudge of 1e-12 keeps floor(8 − ulp) at 8,
 * because E·(1 − (E−k)/E) is k only up to rounding.
 */
export function roundExperts(expected: number, rounding: UniqueExpertsRounding): number {
  if (rounding === 'floor') return Math.floor(expected * (1 + 1e-12));
  if (rounding === 'round') return Math.round(expected);
  return expected;
}

export interface PerPassParams {
  nRoutedExperts: number;
  expertsPerToken: number;
  moeLayers: number;
  expertBytes: number;
  sharedWeightsBytesPerPass: number;
  kvBytesPerToken: number;
  kvContextTokens: number;
  rounding: UniqueExpertsRounding;
}

export interface PassBytes {
  uniqueExperts: number;
  routedBytes: number;
  kvReadBytes: number;
  totalBytes: number;
}

/** F26–F30 at batch B. */
export function perPassBytes(p: PerPassParams, batch: number): PassBytes {
  const unique = uniqueExperts(p.nRoutedExperts, p.expertsPerToken, batch, p.rounding);
  const routedBytes = unique * p.moeLayers * p.expertBytes;
  const kvReadBytes = batch * p.kvBytesPerToken * p.kvContextTokens;
  return {
    uniqueExperts: unique,
    routedBytes,
    kvReadBytes,
    totalBytes: routedBytes + p.sharedWeightsBytesPerPass + kvReadBytes,
  };
}

/** F31: memory time of one pass at the napkin MBU. */
export function memoryTimeS(totalBytes: number, bandwidthBps: number, mbu: number): number {
  return totalBytes / (bandwidthBps * mbu);
}

/** F32: napkin per-pass time. */
export function napkinPerPassS(fixedOverheadS: number, memoryTime: number, overlapFactor: number): number {
  return fixedOverheadS + memoryTime * overlapFactor;
}

/** F33: the load test's linear fit. */
export function fitPerPassS(fixedOverheadS: number, perSlotS: number, batch: number): number {
  return fixedOverheadS + perSlotS * batch;
}

/** What F31–F33 read of the scenario's empirical inputs. */
export type PassTimeInputs = Pick<
  EmpiricalInputs,
  'nodeBandwidthEffectiveBps' | 'mbuNapkin' | 'overlapFactor' | 'fixedOverheadS' | 'perSlotS'
>;

/** F32 and F33 at one batch: the napkin's time for a pass of `totalBytes`, and the load test's fit. */
export function napkinAndFitPassS(
  e: PassTimeInputs,
  totalBytes: number,
  batch: number,
): { readonly napkin: number; readonly fit: number } {
  const memoryTime = memoryTimeS(totalBytes, e.nodeBandwidthEffectiveBps, e.mbuNapkin);
  return {
    napkin: napkinPerPassS(e.fixedOverheadS, memoryTime, e.overlapFactor),
    fit: fitPerPassS(e.fixedOverheadS, e.perSlotS, batch),
  };
}
