// Dawn and the Vulkan loader print their own warnings ("Warning: vkCreateInstance: Found no drivers!",
// "maxDynamicUniformBuffersPerPipelineLayout artificially reduced…") from native code straight to file
// descriptor 2, where JavaScript cannot filter them. So a command that opens a GPU runs in a child process
// whose descriptor 2 is a pipe the parent reads and drops, while the child's own messages (progress, errors)
// go to descriptor 3, which is the parent's stderr: the user sees ridgeline's lines, and after a run that
// ended well one line saying how many native lines were held back (issue 21: folded into one line, never
// dropped without a word). `--verbose` skips the child and shows everything; when the child dies
// abnormally (a signal, a native crash) its captured output is printed, so nothing that explains a crash
// is lost. A run that fails with its own one-line error (no adapter, a mistake) keeps that one line.
import { spawn } from 'node:child_process';
import { writeSync } from 'node:fs';
import { Writable } from 'node:stream';
import { isatty } from 'node:tty';

const CHILD_ENV = 'RIDGELINE_NATIVE_STDERR_CHILD';
/** The child's own stderr, the parent's descriptor 2 handed down. */
const OWN_STDERR_FD = 3;
/** Keep this much of the native output, for a crash report. */
const CAPTURE_LIMIT_BYTES = 256 * 1024;

/** Exit codes the CLI gives on purpose (ok, runtime failure, usage); anything else is a crash. */
const CLI_EXIT_CODES = new Set([0, 1, 2]);

export function isNativeStderrChild(): boolean {
  return process.env[CHILD_ENV] === '1';
}

/** In the child: route process.stderr to descriptor 3 (synchronous writes, so nothing is lost at exit). */
export function routeOwnStderrToParent(): void {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writeSync(OWN_STDERR_FD, chunk);
      done();
    },
  });
  Object.assign(stream, { isTTY: isatty(OWN_STDERR_FD), fd: OWN_STDERR_FD });
  Object.defineProperty(process, 'stderr', { configurable: true, enumerable: true, get: () => stream });
}

/** In the parent: runs this CLI again with `argv` in a child whose native stderr is captured. */
export function runWithNativeStderrCaptured(argv: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    const script = process.argv[1]!;
    const child = spawn(process.execPath, [...process.execArgv, script, ...argv], {
      stdio: ['inherit', 'inherit', 'pipe', 2],
      env: { ...process.env, [CHILD_ENV]: '1' },
    });
    let captured = Buffer.alloc(0);
    let nativeLines = 0;
    child.stderr!.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 0x0a) nativeLines++;
      captured = Buffer.concat([captured, chunk]);
      if (captured.length > CAPTURE_LIMIT_BYTES) captured = captured.subarray(-CAPTURE_LIMIT_BYTES);
    });
    // Ctrl-C reaches the child too (same process group): it cancels and prints what it measured.
    const ignoreInterrupt = () => undefined;
    process.on('SIGINT', ignoreInterrupt);
    child.on('error', (error) => {
      process.removeListener('SIGINT', ignoreInterrupt);
      process.stderr.write(`ridgeline: could not start the measuring process: ${error.message}\n`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      process.removeListener('SIGINT', ignoreInterrupt);
      if (code === 0 && captured.length > 0) {
        const lines = Math.max(1, nativeLines);
        process.stderr.write(
          `ridgeline: Dawn and the Vulkan loader printed ${lines} line${lines === 1 ? '' : 's'} of their own warnings (hidden; --verbose shows them)\n`,
        );
      }
      if (code !== null && CLI_EXIT_CODES.has(code)) return resolve(code);
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      process.stderr.write(
        `ridgeline: the measuring process ended unexpectedly (${how}); its native output:\n`,
      );
      process.stderr.write(captured);
      resolve(1);
    });
  });
}
