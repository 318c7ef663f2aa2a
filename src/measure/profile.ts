// The suite profiles: how long, how many samples, how quiet. Which cases each measures, and at which
// shapes, is the kernel registry's (kernels/index.ts; the talk profile's four in kernels/talk.ts).
import type { SuiteProfile } from './document.ts';
import { type BatchPolicy, DEFAULT_BATCH_POLICY } from './plan.ts';
import { FULL_STOP_POLICY, QUICK_STOP_POLICY, type StopPolicy, TALK_STOP_POLICY } from './stop.ts';

export interface ProfilePolicy {
  readonly batch: BatchPolicy;
  readonly stop: StopPolicy;
  /** Target wall time of the whole suite, seconds. */
  readonly budgetSeconds: number;
  /**
   * Whether the runner tunes (verifies and times every variant) on a GPU. Not quick: its shapes are a few
   * KB, so the variant fastest there says nothing about real shapes, and tuning was a third of its run.
   */
  readonly tune: boolean;
}

export const PROFILES: Readonly<Record<SuiteProfile, ProfilePolicy>> = {
  // Issue 3: "the full suite ≤ 20 s on a typical laptop GPU".
  full: { batch: DEFAULT_BATCH_POLICY, stop: FULL_STOP_POLICY, budgetSeconds: 20, tune: true },
  // CPU adapters and CI: small shapes, 3 samples; SwiftShader on 2 cores needs seconds, not minutes.
  quick: { batch: DEFAULT_BATCH_POLICY, stop: QUICK_STOP_POLICY, budgetSeconds: 10, tune: false },
  // A live demo: four points, one by one, within ~30 s on a laptop GPU and ~60 s on a CPU adapter with
  // set-up included (measure/runEstimate.ts); sampling itself gets 10 s.
  talk: { batch: DEFAULT_BATCH_POLICY, stop: TALK_STOP_POLICY, budgetSeconds: 10, tune: true },
};

/** The profiles' ids, in the order a picker lists them. */
export const SUITE_PROFILES: readonly SuiteProfile[] = ['quick', 'full', 'talk'];
