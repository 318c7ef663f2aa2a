import { UsageError } from './usage.ts';

export async function runProject(_argv: readonly string[]): Promise<number> {
  throw new UsageError('project: not built yet');
}
