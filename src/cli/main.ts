// `ridgeline <command>`: dispatches to the subcommands. Every user error ends in one line on stderr and
// exit code 2 (usage) or 1 (runtime failure, e.g. no GPU adapter); never a stack trace.
import { runBench } from './bench.ts';
import { isNativeStderrChild, routeOwnStderrToParent, runWithNativeStderrCaptured } from './nativeStderr.ts';
import { runProject } from './project.ts';
import { UsageError } from './usage.ts';

const USAGE = `ridgeline — WebGPU roofline benchmark and LLM serving projection

Usage:
  ridgeline project [options]   project serving a model on a GPU node (default: Kimi K2.6 on 8×B200)
  ridgeline bench [options]     measure this machine's GPU with the WGSL kernel suite (Dawn)
  ridgeline <command> --help    options of a command
  ridgeline bench --verbose     also show Dawn's and the Vulkan loader's own warnings`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'project':
        return await runProject(rest);
      case 'bench': {
        // Dawn's native warnings are kept off the terminal unless --verbose (see nativeStderr.ts).
        const verbose = rest.includes('--verbose');
        const args = rest.filter((arg) => arg !== '--verbose');
        if (!verbose && !isNativeStderrChild()) return await runWithNativeStderrCaptured(['bench', ...args]);
        return await runBench(args);
      }
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}': use 'project' or 'bench' (see --help)`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`ridgeline: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`ridgeline: ${message}\n`);
    if (process.env['RIDGELINE_DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

if (isNativeStderrChild()) routeOwnStderrToParent();
process.exitCode = await main(process.argv.slice(2));
