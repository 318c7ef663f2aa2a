// `ridgeline <command>`: dispatches to the subcommands. Every user error ends in one line on stderr and
// exit code 2 (usage) or 1 (runtime failure, e.g. no GPU adapter); never a stack trace (failure.ts).

import { clipForMessage } from '../model/text/plainText.ts';
import { runBench } from './bench.ts';
import { reportFailure } from './failure.ts';
import { runProject } from './project.ts';
import { runRoom } from './room.ts';
import { UsageError } from './usage.ts';

const USAGE = `ridgeline — WebGPU roofline benchmark and LLM serving projection

Usage:
  ridgeline project [options]   project serving a model on a GPU node (default: Kimi K2.6 on 8×B200)
  ridgeline bench [options]     measure this machine's GPU with the WGSL kernel suite (Dawn)
  ridgeline room [options]      serve a live audience room: every attendee's device on your roofline
  ridgeline <command> --help    options of a command
  ridgeline bench --verbose     also show Dawn's and the Vulkan loader's own warnings`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'project':
        return await runProject(rest);
      case 'bench':
        return await runBench(rest);
      case 'room':
        return await runRoom(rest);
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
