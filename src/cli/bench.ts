import { UsageError } from './usage.ts';

export async function runBench(_argv: readonly string[]): Promise<number> {
  throw new UsageError('bench: not built yet');
}
