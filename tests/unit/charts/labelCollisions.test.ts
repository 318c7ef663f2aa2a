import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Box, markerBox, overlaps } from '../../../src/charts/captionPlacement.ts';
import { operatingPoints } from '../../../src/charts/operatingPoints.ts';
import { layoutTextBoxes, rooflineLayout, sizeFor } from '../../../src/charts/rooflineLayout.ts';
import { measuredPoints, measuredRoofSeries, presetRoofSeries } from '../../../src/charts/rooflineSeries.ts';
import type { RooflineChartData } from '../../../src/charts/rooflineTypes.ts';
import type { MeasurementDocument } from '../../../src/measure/document.ts';
import { gpuPreset, modelPreset, type PeakPrecision } from '../../../src/model/presets/index.ts';

// Issue 13: labels collided ("decode B=64" by the B=16 star, "gemm f32" on the B=8 diamond, the B200's
// slope label through the decode stars, "ridge 1,250 FLOP/B" on the FP8 line). Here every label of the
// roofline, laid out for a real quick run on SwiftShader (tests/fixtures/swiftshader-quick.json) beside
// the B200 and the Kimi K2.6 operating points, at phone, page and projector sizes, is checked against
// every other label and every marker. tests/browser/landing.test.ts does the same with the real text boxes.
const run = JSON.parse(
  readFileSync(new URL('../../fixtures/swiftshader-quick.json', import.meta.url), 'utf8'),
) as MeasurementDocument;

function chart(
  precisions: readonly PeakPrecision[],
  other: string | null,
  context: number,
): RooflineChartData {
  const b200 = gpuPreset('b200');
  const identity = { id: 'local', label: 'This GPU', color: 'series-local' };
  const roofs = [
    measuredRoofSeries(run, identity),
    presetRoofSeries(b200, precisions, { id: 'ref-b200', label: 'B200', color: 'series-reference' }),
  ];
  if (other) {
    roofs.push(
      presetRoofSeries(gpuPreset(other), precisions, {
        id: `ref-${other}`,
        label: other,
        color: 'series-preset',
      }),
    );
  }
  return {
    roofs,
    points: measuredPoints(run, identity, true),
    operatingPoints: operatingPoints({
      model: modelPreset('kimi-k2.6'),
      gpu: b200,
      precision: precisions.find((p) => p !== 'fp32') ?? 'fp4',
      kvBytesPerValue: 1,
      contextTokens: context,
      prefillFreshTokens: 13_000,
      prefillCachedTokens: 71_000,
    }),
    shadedRoofId: 'ref-b200',
  };
}

const charts: readonly (readonly [string, RooflineChartData])[] = [
  ['FP4, a run, Kimi at 80K', chart(['fp4'], null, 80_000)],
  ['every precision and an RTX 4090', chart(['fp4', 'fp8', 'bf16', 'fp32'], 'rtx-4090', 80_000)],
  ['FP8 and FP32 with an H100, weights only', chart(['fp8', 'fp32'], 'h100-sxm', 0)],
];
const sizes = [sizeFor(350), sizeFor(900), sizeFor(1300), sizeFor(1100, 640, 18)];

describe('roofline labels never collide', () => {
  for (const [name, data] of charts) {
    for (const size of sizes) {
      it(`${name} at ${size.width}×${size.height}, font ${size.font}`, () => {
        const layout = rooflineLayout(data, size);
        const labels = layoutTextBoxes(layout);
        const clashes: string[] = [];
        for (let i = 0; i < labels.length; i++) {
          for (let j = i + 1; j < labels.length; j++) {
            const a = labels[i]!;
            const b = labels[j]!;
            if (a.boxes.some((p) => b.boxes.some((q) => overlaps(p, q))))
              clashes.push(`"${a.text}" × "${b.text}"`);
          }
        }
        const markers: { name: string; box: Box }[] = [
          ...layout.points.map((p) => ({ name: p.point.label, box: markerBox(p.x, p.y, 5) })),
          ...layout.operatingPoints.map((p) => ({ name: p.point.label, box: markerBox(p.x, p.y, 6) })),
        ];
        for (const label of labels) {
          for (const marker of markers) {
            if (label.boxes.some((box) => overlaps(box, marker.box)))
              clashes.push(`"${label.text}" on the ${marker.name} marker`);
          }
        }
        expect(clashes).toEqual([]);
        // on the Measure page at 1440 (a 1300 px chart) every ridge is named, whatever precisions and
        // GPUs are shown; narrower, the crowded ones may keep their name to their tooltip
        if (size.width >= 1300) {
          const unnamed = layout.roofs.flatMap((r) => r.ridges).filter((r) => r.caption === null);
          expect(unnamed.map((r) => r.label)).toEqual([]);
        }
        // with the default roofs every operating point and both ridges are named, at any size
        if (name.startsWith('FP4')) {
          // named alone, or together with its close neighbours ("decode B=1, 16, 64")
          const shown = layout.operatingPoints.flatMap((p) => (p.caption ? [p.caption.text] : []));
          for (const p of layout.operatingPoints) {
            const named =
              p.caption?.text === p.point.label ||
              (p.captionGroup !== null && shown.includes(p.captionGroup));
            expect(named, p.point.label).toBe(true);
          }
          // on a phone the series' colour and the legend name them, so the labels are shorter
          expect(layout.roofs.flatMap((r) => r.ridges).map((r) => r.caption?.text)).toEqual(
            layout.compact
              ? ['ridge 5.15 FLOP/B', 'ridge 1,250 FLOP/B']
              : ['This GPU ridge 5.15 FLOP/B', 'B200 ridge 1,250 FLOP/B'],
          );
        }
        // every label stays on the chart
        for (const label of labels) {
          for (const box of label.boxes) {
            expect(box.x0, label.text).toBeGreaterThanOrEqual(0);
            expect(box.x1, label.text).toBeLessThanOrEqual(size.width);
          }
        }
      });
    }
  }
});
