// `ridgeline project`: the serving projection for a model on a GPU node (default: the blog's Kimi K2.6 on
// 8×B200), as a table grouped like the blog's sections, or as JSON with the golden figure ids.

import { describeKind } from '../model/inputPaths.ts';
import { INPUT_PATHS } from '../model/inputs.ts';
import { gpuIds, modelIds } from '../model/presets/index.ts';
import { printProjectJson } from './printers/projectJson.ts';
import { printProjectTable } from './printers/projectTable.ts';
import { parseProjectArgs } from './projectArgs.ts';
import { projectScenario } from './projectScenario.ts';

export function projectHelp(): string {
  const paths = INPUT_PATHS.map(
    (p) => `    ${p.path.padEnd(44)} ${describeKind(p.kind)}${p.unit ? ` [${p.unit}]` : ''}`,
  );
  return `ridgeline project — the blog's napkin and ridgeline's per-operator model of serving a model on GPUs

Usage: ridgeline project [options]

  --model ID          ${modelIds.join(', ')} (default kimi-k2.6)
  --gpu ID            ${gpuIds.join(', ')} (default b200)
  --gpus N            GPUs per node (default: the GPU preset's node size)
  --tp N              tensor-parallel degree (divides --gpus and the model's heads; default: up to 8)
  --pp N              pipeline stages (default 1; stages beyond one node span nodes over the network)
  --ep N              expert-parallel degree of the MoE layers (divides the experts and tp × dp; default 1)
  --dp N              data-parallel replicas (default: as many as the node holds)
  --batch B           decode batch of the per-pass model (default 16)
  --context TOKENS    per-stream context for KV reads and the sweep (default 80000)
  --weights P         fp4, fp8, bf16, int4 (every tensor alike), int4-experts (INT4 routed experts, BF16
                      rest), fp4-experts (NVFP4 FFNs, BF16 attention) (default fp4)
  --kv P              fp8, bf16 (default fp8)
  --gpu-hour USD      $ per GPU-hour (default 6)
  --api-price USD     API $ per M processed tokens (default 0.317)
  --preset NAME       default, blog_compat (blog_compat: 22.5 MB experts, 35 KB KV, floored unique experts)
  --set PATH=VALUE    set any input (repeatable), e.g. --set empirical.mbuMeasured=0.13
  --json              one JSON object { model, gpu, inputs, figures, projection, ... }; figures use the
                      golden ids (the blog's napkin), projection is ridgeline's model
  --ops               also print the operator tables: one decode step at --batch, the first prefill chunk
  --help              this text

The napkin's empirical inputs default to the measurements in "How to Save Millions by Self-Hosting LLMs"
(Arafat Khan, 2026-06-09), Kimi K2.6 on 8×B200, and are shown only for that scenario. ridgeline's model
derives throughput, TTFT, $/M, TP variants and the fleet from bytes and FLOP against the GPU's roofs, with
the efficiencies under projection.efficiency (speculative decoding: projection.speculative).
Inputs for --set (PATH: accepted values):
${paths.join('\n')}
`;
}

export async function runProject(argv: readonly string[]): Promise<number> {
  const request = parseProjectArgs(argv);
  if (request.help) {
    process.stdout.write(projectHelp());
    return 0;
  }
  const outcome = projectScenario(request);
  process.stdout.write(request.json ? printProjectJson(outcome) : printProjectTable(outcome));
  return 0;
}
