// The layout a scenario starts from when the user names none: the largest tensor-parallel degree up to
// `preferredTp` that the node's GPUs and the model's heads allow (the blog serves its worked example on
// TP8), one pipeline stage, no expert parallelism, and as many replicas as the node holds.
import type { ModelArchitecture } from '../architecture/types.ts';
import { layoutProblems, type ParallelLayout } from './layout.ts';

export interface LayoutChoice {
  readonly tp?: number;
  readonly pp?: number;
  readonly ep?: number;
  readonly dp?: number;
}

export function defaultLayout(
  arch: ModelArchitecture,
  gpusPerNode: number,
  preferredTp: number,
  choice: LayoutChoice,
): ParallelLayout {
  const pp = choice.pp ?? 1;
  const ep = choice.ep ?? 1;
  let tp = choice.tp ?? 1;
  if (choice.tp === undefined) {
    for (let candidate = Math.min(preferredTp, gpusPerNode); candidate >= 1; candidate--) {
      const layout = { tp: candidate, pp, ep: 1, dp: 1 };
      if (layoutProblems(arch, layout, gpusPerNode).length === 0) {
        tp = candidate;
        break;
      }
    }
  }
  const dp = choice.dp ?? Math.max(1, Math.floor(gpusPerNode / (tp * pp)));
  return { tp, pp, ep, dp };
}
