// A step's time as the parts it is made of: each operator, then the per-step costs that are not an
// operator's bytes or FLOP (kernel launches, small experts, MoE routing, the scheduler, drafting). The
// CLI's --ops table and the explorer's stacked charts both list a step this way.
import type { StepBreakdown } from './step.ts';
import type { BoundBy } from './types.ts';

export interface StepPart {
  readonly name: string;
  readonly seconds: number;
  /** what bounds an operator; 'overhead' for the fixed per-step costs */
  readonly boundBy: BoundBy | 'overhead';
  /** HBM (or link) bytes and FLOP: 0 for an overhead */
  readonly bytes: number;
  readonly flops: number;
}

/** The fixed costs of a step, named, in the order the tables print them (zero ones included). */
export function stepOverheads(step: StepBreakdown): StepPart[] {
  const overhead = (name: string, seconds: number): StepPart => ({
    name,
    seconds,
    boundBy: 'overhead',
    bytes: 0,
    flops: 0,
  });
  return [
    overhead('kernel launches', step.launchSeconds),
    overhead('small experts', step.smallExpertSeconds),
    overhead('MoE routing', step.routingSeconds),
    overhead('scheduler', step.schedulerSeconds),
    overhead('drafting', step.draftSeconds),
  ];
}

/** Every operator, then every non-zero overhead: their seconds add up to the step's. */
export function stepParts(step: StepBreakdown): StepPart[] {
  return [
    ...step.ops.map((op) => ({
      name: op.name,
      seconds: op.seconds,
      boundBy: op.boundBy,
      bytes: op.bytes,
      flops: op.flops,
    })),
    ...stepOverheads(step).filter((part) => part.seconds > 0),
  ];
}
