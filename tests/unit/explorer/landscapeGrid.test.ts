import { describe, expect, it } from 'vitest';
import {
  axisPosition,
  buildLandscapeGeometry,
  landscapeTicks,
  sliceFromGeometry,
} from '../../../src/view3d/landscapeGrid.ts';

const batches = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
const contexts = [1000, 8000, 80_000, 256_000];
const perStreamAt = (b: number) => 1 / (5.2e-3 + 1.65e-3 * b);

const grid = {
  batches,
  contexts,
  perStreamTps: contexts.map(() => batches.map(perStreamAt)),
  aggregateTps: contexts.map(() => batches.map((b) => b * perStreamAt(b))),
  kvCliffBatch: [null, 3000, 340, 106],
  slaBatch: [27, 27, 27, 27],
  slaPerStreamTps: 20,
  currentContext: 80_000,
};

describe('buildLandscapeGeometry(grid, metric)', () => {
  it('maps batch and context onto [-1, 1] log2 axes', () => {
    expect(axisPosition(1, batches)).toBe(-1);
    expect(axisPosition(512, batches)).toBe(1);
    expect(axisPosition(16, batches)).toBeCloseTo(-1 + (4 / 9) * 2, 12);
  });

  it('reads back the current-context slice from the surface buffer in tok/s', () => {
    const geometry = buildLandscapeGeometry(grid, 'aggregate');
    expect(geometry.sliceIndex).toBe(2);
    const slice = sliceFromGeometry(geometry, batches.length);
    batches.forEach((b, i) => {
      expect(slice[i]).toBeCloseTo(b * perStreamAt(b), 3);
    });
    expect(geometry.indices.length).toBe(9 * 3 * 6);
  });

  it('draws the SLA plane only for the per-stream metric, and a wall where the cliff is inside 1…512', () => {
    expect(buildLandscapeGeometry(grid, 'aggregate').slaY).toBeNull();
    const perStream = buildLandscapeGeometry(grid, 'perStream');
    expect(perStream.slaY).toBeCloseTo(20 / perStreamAt(1), 9);
    // contexts 80K and 256K have a cliff inside the axis: one wall section of 2 triangles between them
    expect(perStream.wall.length).toBe(18);
    expect(perStream.slaWall.length).toBe(0);
    // aggregate: the SLA is a curtain through B=27 along all four contexts (3 sections)
    expect(buildLandscapeGeometry(grid, 'aggregate').slaWall.length).toBe(3 * 18);
  });

  it('colours points past the KV cliff apart from those meeting the SLA', () => {
    const geometry = buildLandscapeGeometry(grid, 'perStream');
    const colorAt = (c: number, b: number) =>
      Array.from(geometry.colors.slice((c * 10 + b) * 3, (c * 10 + b) * 3 + 3));
    expect(colorAt(2, 0)).not.toEqual(colorAt(2, 9)); // B=512 at 80K is past the 340 cliff
    expect(colorAt(0, 9)).not.toEqual(colorAt(0, 0)); // B=512 at 1K misses the 20 tok/s SLA
  });
});

describe('landscapeTicks(grid, heightScale)', () => {
  it('ticks every second doubling of batch and context, and five heights in tok/s', () => {
    const ticks = landscapeTicks(
      { ...grid, contexts: [1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 80_000, 128_000, 256_000] },
      600,
    );
    expect(ticks.batch.map((t) => t.label)).toEqual(['1', '4', '16', '64', '256', '512']);
    expect(ticks.batch[0]?.at).toBe(-1);
    expect(ticks.batch.at(-1)?.at).toBe(1);
    // 80K is the scenario's own context, not a doubling: no tick of its own
    expect(ticks.context.map((t) => t.label)).toEqual(['1K', '4K', '16K', '64K', '256K']);
    expect(ticks.height.map((t) => t.label)).toEqual(['0', '150', '300', '450', '600']);
    expect(ticks.height.map((t) => t.at)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});
