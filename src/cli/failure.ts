// How the command line ends when something goes wrong: one line on stderr ("ridgeline: …") and an exit
// code, 2 for a mistake in the flags or values (UsageError), 1 for a failure at run time (no adapter, a
// file that cannot be written). Never a stack trace, unless RIDGELINE_DEBUG asks for one. Shared by
// `ridgeline` (main.ts) and the npm run bench:* scripts, so both say the same thing the same way.
import { UsageError } from './usage.ts';

/** The error's message on one line (Dawn and Node messages can span several). */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

/** Writes the error's line to stderr and returns the exit code it calls for. */
export function reportFailure(error: unknown): number {
  process.stderr.write(`ridgeline: ${oneLine(error)}\n`);
  if (error instanceof UsageError) return 2;
  if (process.env['RIDGELINE_DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}

/** Runs a script's body and sets the process's exit code from its result or its failure. */
export async function runScript(body: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (error) {
    process.exitCode = reportFailure(error);
  }
}
