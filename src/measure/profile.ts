// The two suite profiles: how long, how many samples, how quiet.
import type { SuiteProfile } from './document.ts';
import { type BatchPolicy, DEFAULT_BATCH_POLICY } from './plan.ts';
import { FULL_STOP_POLICY, QUICK_STOP_POLICY, type StopPolicy } from './stop.ts';

export interface ProfilePolicy {
  readonly batch: BatchPolicy;
  readonly stop: StopPolicy;
  /** Target wall time of the whole suite, seconds. */
  readonly budgetSeconds: number;
}

export const PROFILES: Readonly<Record<SuiteProfile, ProfilePolicy>> = {
  // Issue 3: "the full suite ≤ 20 s on a typical laptop GPU".
  full: { batch: DEFAULT_BATCH_POLICY, stop: FULL_STOP_POLICY, budgetSeconds: 20 },
  // CPU adapters and CI: small shapes, 3 samples; SwiftShader on 2 cores needs seconds, not minutes.
  quick: { batch: DEFAULT_BATCH_POLICY, stop: QUICK_STOP_POLICY, budgetSeconds: 10 },
};
