// Finding a file the machine may have in one of several places (a browser, a Vulkan driver's ICD), with an
// environment variable that overrides the search. When nothing is found the message lists every place looked
// in and how to point at the file, so a user on another distribution knows what to do.
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface LocateRequest {
  /** What is sought, for the message ("Chromium or Chrome", "the SwiftShader Vulkan driver"). */
  readonly what: string;
  /** The environment variable that names the file directly; when set it is the only place looked in. */
  readonly envVar: string;
  /** Program names looked up on PATH, in order, before `paths`. */
  readonly commands?: readonly string[];
  /** Absolute paths tried in order after PATH. */
  readonly paths: readonly string[];
  /** What to do when nothing is found (after the list of places). */
  readonly remedy: string;
}

export type Located = { readonly found: string } | { readonly found: null; readonly message: string };

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Where `command` resolves on PATH (PATHEXT on Windows), or null. */
export function whichCommand(command: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const extensions = process.platform === 'win32' ? (env['PATHEXT'] ?? '.EXE;.CMD').split(';') : [''];
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const candidate = join(dir, command + extension.toLowerCase());
      if (isFile(candidate)) return candidate;
      if (extension && isFile(join(dir, command + extension))) return join(dir, command + extension);
    }
  }
  return null;
}

/** The first place that has the file: the environment variable, then PATH, then the usual paths. */
export function locateFile(request: LocateRequest, env: NodeJS.ProcessEnv = process.env): Located {
  const override = env[request.envVar];
  if (override) {
    if (isFile(override)) return { found: override };
    return {
      found: null,
      message: `${request.what}: ${request.envVar}=${override} is not a file; point ${request.envVar} at one`,
    };
  }
  for (const command of request.commands ?? []) {
    const path = whichCommand(command, env);
    if (path) return { found: path };
  }
  for (const path of request.paths) if (isFile(path)) return { found: path };
  const looked = [
    `${request.envVar} (not set)`,
    ...(request.commands?.length ? [`PATH (${request.commands.join(', ')})`] : []),
    ...request.paths,
  ];
  return {
    found: null,
    message: `no ${request.what}: looked in ${looked.join(', ')}; ${request.remedy}`,
  };
}
