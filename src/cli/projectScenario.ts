// A parsed `ridgeline project` request → the chain's inputs (through the model/GPU presets) → a result.
import { evaluateScenario, type ScenarioResult } from '../model/evaluate.ts';
import { presetInputs, type ScenarioInputs, setInputPath, validateInputs } from '../model/inputs.ts';
import { buildScenario } from '../model/scenario.ts';
import type { ProjectRequest } from './projectArgs.ts';
import { UsageError } from './usage.ts';

export interface ProjectOutcome {
  request: ProjectRequest;
  inputs: ScenarioInputs;
  notes: string[];
  result: ScenarioResult;
}

export function projectScenario(request: ProjectRequest): ProjectOutcome {
  let built: ReturnType<typeof buildScenario>;
  try {
    built = buildScenario(presetInputs(request.preset), {
      modelId: request.model,
      gpuId: request.gpu,
      ...(request.gpus !== undefined && { gpusPerNode: request.gpus }),
      ...(request.tp !== undefined && { tp: request.tp }),
      ...(request.pp !== undefined && { pp: request.pp }),
      ...(request.ep !== undefined && { ep: request.ep }),
      ...(request.dp !== undefined && { dp: request.dp }),
      ...(request.weights !== undefined && { weights: request.weights }),
      ...(request.kv !== undefined && { kv: request.kv }),
      ...(request.context !== undefined && { context: request.context }),
      ...(request.batch !== undefined && { batch: request.batch }),
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  let inputs = built.inputs;
  if (request.gpuHourUsd !== undefined)
    inputs = setInputPath(inputs, 'pricing.gpuHourUsd', request.gpuHourUsd);
  if (request.apiPricePerMTokUsd !== undefined) {
    inputs = setInputPath(inputs, 'pricing.apiPricePerMTokUsd', request.apiPricePerMTokUsd);
  }
  for (const { path, value } of request.sets) {
    try {
      inputs = setInputPath(inputs, path, value);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new UsageError(
        `--set: ${message.startsWith('unknown input') ? `${message.split(' (')[0]}: see 'ridgeline project --help' for the valid paths` : message}`,
      );
    }
  }
  const problems = validateInputs(inputs);
  if (problems.length > 0) throw new UsageError(`inconsistent inputs: ${problems[0]}`);
  return { request, inputs, notes: [...built.notes], result: evaluateScenario(inputs) };
}
