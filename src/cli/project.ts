// `ridgeline project`: the serving projection for a model on a GPU node (default: the blog's Kimi K2.6 on
// 8×B200). By default a summary that answers first (printers/projectSummary.ts); --full the whole chain
// grouped like the blog's sections (printers/projectTable.ts); --json one object for scripts.

import { describeInput, INPUT_PATHS } from '../model/scenario/inputPaths.ts';
import { wrapHelp } from './flagTable.ts';
import { printProjectJson } from './printers/projectJson.ts';
import { printProjectSummary } from './printers/projectSummary.ts';
import { printProjectTable } from './printers/projectTable.ts';
import { parseProjectArgs, projectFlagsHelp } from './projectArgs.ts';
import { projectScenario } from './projectScenario.ts';

export function projectHelp(): string {
  return `ridgeline project — what serving a model on GPUs costs and yields: the blog's napkin beside
ridgeline's per-operator model

Usage: ridgeline project [options]

Prints a summary: the scenario, whether it fits, decode, prefill, TTFT, the SLA pick and $/M from
ridgeline's model, with the blog's napkin beside them where the blog's scenario applies.

Options:
${projectFlagsHelp()}

Preset names match in any case and by an unambiguous start: --gpu h100 is h100-sxm, --model kimi is
kimi-k2.6. The napkin's empirical inputs are the measurements in "How to Save Millions by
Self-Hosting LLMs" (Arafat Khan, 2026-06-09), Kimi K2.6 on 8×B200, and its figures resting on them
are shown only for that scenario. ridgeline's model derives every figure from bytes and FLOP against
the GPU's roofs, with the efficiencies under projection.efficiency (${INPUT_PATHS.length} inputs in all: --help set).
`;
}

/** `--help set`: every input path --set accepts, with the values it takes. */
export function projectSetHelp(): string {
  const width = Math.max(...INPUT_PATHS.map((p) => p.path.length)) + 2;
  const lines = INPUT_PATHS.flatMap((p) => wrapHelp(`  ${p.path}`, describeInput(p), width + 2));
  return `ridgeline project --set PATH=VALUE: the ${INPUT_PATHS.length} inputs (PATH  accepted values)

${lines.join('\n')}
`;
}

export async function runProject(argv: readonly string[]): Promise<number> {
  const request = parseProjectArgs(argv);
  if (request.help) {
    process.stdout.write(request.helpTopic === 'set' ? projectSetHelp() : projectHelp());
    return 0;
  }
  const outcome = projectScenario(request);
  const print = request.json ? printProjectJson : request.full ? printProjectTable : printProjectSummary;
  process.stdout.write(print(outcome));
  return 0;
}
