// `--json` carries every batch the CLI accepts: the scenario's own B is in projection.decode with its
// figures whenever its KV fits, also past the swept B = 1…512 (issue 18: B = 513 printed in the table
// and was null in the JSON, without a warning); past the KV capacity it is null and `warnings` says why.
import { describe, expect, it } from 'vitest';
import type { DecodeEntry } from '../../src/cli/printers/projectionJson.ts';
import { printProjectJson } from '../../src/cli/printers/projectJson.ts';
import { printProjectTable } from '../../src/cli/printers/projectTable.ts';
import { parseProjectArgs } from '../../src/cli/projectArgs.ts';
import { projectScenario } from '../../src/cli/projectScenario.ts';

function run(args: readonly string[]): {
  doc: { warnings: string[]; projection: { decode: DecodeEntry[] } };
  table: string;
} {
  const outcome = projectScenario(parseProjectArgs(args));
  return { doc: JSON.parse(printProjectJson(outcome)), table: printProjectTable(outcome) };
}

describe('--json at every --batch the CLI accepts', () => {
  // Llama 3.1 8B at 2,000 tokens of context on 8×B200: the KV cache holds far more than 4,096 streams,
  // so every accepted batch (1…4,096) fits
  for (const batch of [513, 1000, 4096]) {
    it(`B=${batch} past the sweep: figures in projection.decode, no null, the table's per-stream rate`, () => {
      const { doc, table } = run(['--model', 'llama-3.1-8b', '--context', '2000', '--batch', String(batch)]);
      const entry = doc.projection.decode.find((d) => d.batch === batch);
      expect(entry).toBeDefined();
      for (const key of ['stepSeconds', 'perStreamTps', 'aggregateTps', 'mbu', 'mfu'] as const) {
        expect(entry?.[key], key).toBeTypeOf('number');
        expect(entry?.[key], key).toBeGreaterThan(0);
      }
      expect(['memory', 'compute', 'communication']).toContain(entry?.boundBy);
      expect(entry?.aggregateTps).toBeCloseTo(batch * (entry?.perStreamTps ?? 0), 6);
      expect(doc.warnings).toEqual([]);
      expect(table).toContain(`at B=${batch}:`);
    });
  }

  it('the Kimi default at B=513 and 2,000 tokens (within its KV capacity): the point is in the JSON', () => {
    const { doc } = run(['--batch', '513', '--context', '2000']);
    const entry = doc.projection.decode.find((d) => d.batch === 513);
    expect(entry?.stepSeconds).toBeGreaterThan(0);
    expect(doc.warnings).toEqual([]);
  });

  it('past the KV capacity the batch is null and a warning says why', () => {
    const { doc } = run(['--batch', '513']);
    const entry = doc.projection.decode.find((d) => d.batch === 513);
    expect(entry?.stepSeconds).toBeNull();
    expect(doc.warnings.some((w) => /B=513 exceeds the \d+ streams whose KV fits/.test(w))).toBe(true);
  });
});
