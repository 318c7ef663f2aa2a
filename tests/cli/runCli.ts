// `ridgeline project …` as a user runs it: a child process through bin/ridgeline.mjs, its exit code and
// output. Shared by the CLI tests.
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      'node',
      ['bin/ridgeline.mjs', 'project', ...args],
      { cwd: repoRoot, maxBuffer: 1 << 24 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}
