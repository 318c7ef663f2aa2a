// `ridgeline <command>`: dispatches to the subcommands. Every user error ends in one line on stderr and
// exit code 2 (usage) or 1 (runtime failure, e.g. no GPU adapter); never a stack trace (failure.ts).
// Each command is imported when it is called: `--help`, `--version` and `project` never load `bench`'s
// GPU stack (Dawn's native bindings), so they start fast (npm run bench:cli times it).

import packageJson from '../../package.json' with { type: 'json' };
import { clipForMessage } from '../model/text/plainText.ts';
import { reportFailure } from './failure.ts';
import { UsageError } from './usage.ts';

export const VERSION_LINE = `ridgeline ${packageJson.version}`;

const USAGE = `ridgeline — WebGPU roofline benchmark and LLM serving projection

Usage:
  ridgeline project [options]   what serving a model on a GPU node costs and yields: a summary
                                (default: Kimi K2.6 on 8×B200); --full for the whole chain
  ridgeline bench [options]     measure this machine's GPU with the WGSL kernel suite (Dawn)
  ridgeline room [options]      serve a live audience room: every attendee's device on your roofline
  ridgeline <command> --help    options of a command (ridgeline project --help set: the input paths)
  ridgeline --version           the version

Examples:
  ridgeline project --gpu h100 --model llama-3.1-70b
  ridgeline project --json > projection.json
  ridgeline bench --quick --swiftshader
  ridgeline room --host 0.0.0.0 --port 8787`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'project':
        return await (await import('./project.ts')).runProject(rest);
      case 'bench':
        return await (await import('./bench.ts')).runBench(rest);
      case 'room':
        return await (await import('./room.ts')).runRoom(rest);
      case '--version':
      case '-v':
      case 'version':
        if (rest.length > 0)
          throw new UsageError(`${command} takes nothing after it (got '${clipForMessage(rest[0] ?? '')}')`);
        process.stdout.write(`${VERSION_LINE}\n`);
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(
          `unknown command '${clipForMessage(command)}': use 'project', 'bench' or 'room' (see --help)`,
        );
    }
  } catch (error) {
    return reportFailure(error);
  }
}
