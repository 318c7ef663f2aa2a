// One scenario as the per-operator model reads it: the served model on its layout, the device's roofs and
// links, the efficiencies (StepContext), and the engine's memory, context, batch and drafting. Built from
// the scenario's inputs by scenario/servedModel.ts; the physics never reads ScenarioInputs itself.
import type { EngineMemory } from './memory.ts';
import type { StepContext } from './step.ts';

/** Activations and collectives move BF16 values in every engine modelled here. */
export const ACTIVATION_BYTES = 2;

export interface ServedScenario extends StepContext {
  readonly capacityBytesPerGpu: number;
  readonly memory: EngineMemory;
  readonly contextTokens: number;
  readonly batch: number;
  readonly draftTokens: number;
  readonly acceptedTokensPerStep: number;
}
