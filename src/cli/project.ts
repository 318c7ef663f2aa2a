// `ridgeline project`: the serving projection for a model on a GPU node (default: the blog's Kimi K2.6 on
// 8×B200), as a table grouped like the blog's sections, or as JSON with the golden figure ids.

import { describeInput, INPUT_PATHS } from '../model/scenario/inputPaths.ts';
import { printProjectJson } from './printers/projectJson.ts';
import { printProjectTable } from './printers/projectTable.ts';
import { parseProjectArgs, projectFlagsHelp } from './projectArgs.ts';
import { projectScenario } from './projectScenario.ts';

export function projectHelp(): string {
  const paths = INPUT_PATHS.map((p) => `    ${p.path.padEnd(44)} ${describeInput(p)}`);
  return `ridgeline project — the blog's napkin and ridgeline's per-operator model of serving a model on GPUs

Usage: ridgeline project [options]

${projectFlagsHelp()}

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
