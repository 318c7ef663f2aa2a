// §4.10 KV cache capacity (F23–F25).

import type { ScenarioInputs } from '../scenario/inputs.ts';
import type { ResolvedArchitecture } from '../scenario/resolve.ts';
import { type FigureMap, put } from './sink.ts';

export interface KvValues {
  kvBytesPerToken: number;
}

/** F25: concurrent users whose KV fits the budget at a context (0 when nothing fits). */
export function maxUsersAt(kvBudgetBytes: number, kvBytesPerToken: number, contextTokens: number): number {
  return Math.max(0, Math.floor(kvBudgetBytes / (kvBytesPerToken * contextTokens)));
}

export function kvChain(
  inputs: ScenarioInputs,
  arch: ResolvedArchitecture,
  kvBudgetBytes: number,
  out: FigureMap,
): KvValues {
  const { numLayers, kvLoraRank, qkRopeHeadDim } = inputs.model;
  const kvBytesPerToken = put(
    out,
    'kv.bytes_per_token',
    {
      label: 'KV bytes per token per user',
      unit: 'B',
      formula: 'F23',
      section: '4.10.1',
      basis: 'theoretical',
      blogValue: 35_000,
    },
    arch.kvBytesPerToken,
    { numLayers, kvLoraRank, qkRopeHeadDim, kvBytesPerValue: inputs.precision.kvBytesPerValue },
  );
  const rows = [
    ['80k', inputs.scenario.kvTableContextLongTokens],
    ['32k', inputs.scenario.kvTableContextShortTokens],
  ] as const;
  for (const [suffix, ctx] of rows) {
    const kvPerUser = put(
      out,
      `kv.per_user_${suffix}`,
      {
        label: `KV per user at ${ctx} tokens`,
        unit: 'B',
        formula: 'F24',
        section: '4.10.2',
        basis: 'theoretical',
      },
      kvBytesPerToken * ctx,
      { kvBytesPerToken, ctx },
    );
    put(
      out,
      `kv.max_users_${suffix}`,
      {
        label: `Max concurrent users at ${ctx} tokens`,
        unit: 'users',
        formula: 'F25',
        section: '4.10.2',
        basis: 'empirical',
      },
      maxUsersAt(kvBudgetBytes, kvBytesPerToken, ctx),
      { kvBudgetBytes, kvPerUser, ctx },
    );
  }
  return { kvBytesPerToken };
}
