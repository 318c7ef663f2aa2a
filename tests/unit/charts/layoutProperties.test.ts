// Every chart layout against arbitrary data (fast-check): extreme, tiny, denormal, huge, negative, NaN,
// Infinity, empty. Each must return (a denormal rate once sent the roofline's tick loop into an endless loop,
// issue 10) with bounded ticks and place nothing at a non-finite coordinate. Documents here skip the validator
// on purpose: the layouts are the last line, and must hold for data that never passed it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutBatching } from '../../../src/charts/explorer/batchingLayout.ts';
import { layoutLine } from '../../../src/charts/explorer/lineLayout.ts';
import { layoutStackedBars } from '../../../src/charts/explorer/stackedBarsLayout.ts';
import { layoutVram } from '../../../src/charts/explorer/vramLayout.ts';
import { operatingPoints } from '../../../src/charts/operatingPoints.ts';
import { rooflineLayout } from '../../../src/charts/rooflineLayout.ts';
import { measuredPoints, measuredRoofSeries, presetRoofSeries } from '../../../src/charts/rooflineSeries.ts';
import type { Measurement, MeasurementDocument } from '../../../src/measure/document.ts';
import { gpuPreset, modelPreset } from '../../../src/model/presets/index.ts';
import { localGpuFrom, normaliseCurve } from '../../../src/ui/explorer/measuredRoofs.ts';
import { sampleDocument } from './sampleDocument.ts';

/** Numbers as a hostile document carries them: any double (NaN, ±Infinity, −0, denormals) and the edges. */
const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    5e-324,
    1e-320,
    2.2e-308,
    1e-300,
    1e-30,
    1e30,
    1e300,
    1e308,
    Number.MAX_VALUE,
    -1,
    -1e308,
  ),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.double({ min: 1e-12, max: 1e18, noNaN: true }),
);
const maybeNull = fc.option(hostileNumber, { nil: null });

const measurement = (template: Measurement): fc.Arbitrary<Measurement> =>
  fc
    .record({
      bytesPerDispatch: hostileNumber,
      flopsPerDispatch: hostileNumber,
      best: hostileNumber,
      median: hostileNumber,
      bytesPerSecond: maybeNull,
      flopsPerSecond: maybeNull,
      arithmeticIntensity: maybeNull,
      batch: hostileNumber,
      verified: fc.boolean(),
    })
    .map((v) => ({
      ...template,
      shape: template.kernel === 'gemv-batched' ? { ...template.shape, B: v.batch } : template.shape,
      bytesPerDispatch: v.bytesPerDispatch,
      flopsPerDispatch: v.flopsPerDispatch,
      secondsPerDispatch: { best: v.best, median: v.median },
      bytesPerSecond: v.bytesPerSecond,
      flopsPerSecond: v.flopsPerSecond,
      arithmeticIntensity: v.arithmeticIntensity,
      verified: v.verified,
      error: v.verified ? null : 'x',
    }));

const base = sampleDocument();
const hostileDocument: fc.Arbitrary<MeasurementDocument> = fc
  .array(fc.constantFrom(...base.measurements), { maxLength: 24 })
  .chain((templates) => fc.tuple(...templates.map(measurement)))
  .map((measurements) => ({ ...base, measurements }));

/** Every number reachable from a layout (functions, i.e. the d3 scales, skipped) and every path string. */
function nonFinite(value: unknown, at = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${at} = ${value}`];
  if (typeof value === 'string') return /NaN|Infinity/.test(value) ? [`${at} = "${value.slice(0, 40)}"`] : [];
  if (typeof value === 'function' || value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => nonFinite(item, `${at}.${key}`));
}

/**
 * Runs `layout`, asserting it placed only finite numbers. An endless loop (the denormal tick loop of
 * issue 10) ends the test at its timeout; the work a layout does is bounded by the tick and point counts
 * the tests check, and how long layouts take is `npm run bench:hostile`'s to print, never asserted here.
 */
function finiteLayout<T>(layout: () => T): T {
  const result = layout();
  expect(nonFinite(result)).toEqual([]);
  return result;
}

const b200 = gpuPreset('b200');
const kimi = modelPreset('kimi-k2.6');

describe('chart layouts over arbitrary data terminate with finite coordinates', () => {
  it('rooflineLayout: hostile documents (roofs, points, the batched-GEMV path), with the B200 reference', () => {
    fc.assert(
      fc.property(fc.array(hostileDocument, { maxLength: 3 }), (documents) => {
        const series = documents.map((_, i) => ({
          id: `run-${i}`,
          label: `run ${i}`,
          color: 'series-1',
        }));
        const layout = finiteLayout(() =>
          rooflineLayout({
            roofs: [
              ...documents.map((d, i) => measuredRoofSeries(d, series[i]!)),
              presetRoofSeries(b200, ['fp4', 'fp32'], {
                id: 'ref',
                label: 'B200',
                color: 'series-reference',
              }),
            ],
            points: documents.flatMap((d, i) => measuredPoints(d, series[i]!, i === 0)),
            operatingPoints: [],
            shadedRoofId: documents.length > 0 ? 'run-0' : 'ref',
          }),
        );
        expect(layout.xTicks.length).toBeLessThanOrEqual(40);
        expect(layout.yTicks.length).toBeLessThanOrEqual(40);
      }),
      { numRuns: 200 },
    );
  });

  it('rooflineLayout: hostile roof values straight in (no document), the issue’s 1e-320, 5e-324 and 1e308 included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ bandwidth: maybeNull, flops: fc.array(hostileNumber, { maxLength: 3 }) }), {
          maxLength: 4,
        }),
        fc.array(fc.record({ x: hostileNumber, y: hostileNumber }), { maxLength: 12 }),
        (roofs, points) => {
          finiteLayout(() =>
            rooflineLayout({
              roofs: roofs.map((r, i) => ({
                id: `r${i}`,
                label: 'x'.repeat(i * 100),
                color: 'series-1',
                bandwidthBytesPerSecond: r.bandwidth,
                computeRoofs: r.flops.map((f, j) => ({ dtype: `d${j}`, label: 'roof', flopsPerSecond: f })),
                dashed: false,
              })),
              points: points.map((p, i) => ({
                id: `p${i}`,
                seriesId: 'r0',
                color: 'series-1',
                label: 'p',
                intensityFlopsPerByte: p.x,
                flopsPerSecond: p.y,
                shape: 'circle',
                pathKey: i % 2 === 0 ? 'path' : null,
                caption: `B=${i}`,
                tooltip: [],
              })),
              operatingPoints: points.map((p, i) => ({
                id: `o${i}`,
                label: 'decode',
                intensityFlopsPerByte: p.y,
                flopsPerSecond: p.x,
                tooltip: [],
              })),
              shadedRoofId: 'r0',
            }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('operating points from hostile KV sizes and contexts: refused by the model, or placed finitely', () => {
    fc.assert(
      fc.property(
        hostileNumber,
        hostileNumber,
        hostileNumber,
        hostileNumber,
        (kv, context, fresh, cached) => {
          let points: ReturnType<typeof operatingPoints>;
          try {
            points = operatingPoints({
              model: kimi,
              gpu: b200,
              precision: 'fp4',
              kvBytesPerValue: kv,
              contextTokens: context,
              prefillFreshTokens: fresh,
              prefillCachedTokens: cached,
            });
          } catch (error) {
            // the architecture functions refuse a negative or NaN size with a RangeError naming it
            expect(error).toBeInstanceOf(RangeError);
            return;
          }
          finiteLayout(() =>
            rooflineLayout({ roofs: [], points: [], operatingPoints: points, shadedRoofId: null }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the explorer’s batching chart, with the your-GPU overlay made from a hostile document', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ batch: hostileNumber, perStreamTps: hostileNumber, aggregateTps: hostileNumber }),
          {
            maxLength: 40,
          },
        ),
        fc.array(fc.record({ batch: hostileNumber, perStreamTps: maybeNull, aggregateTps: maybeNull }), {
          maxLength: 6,
        }),
        hostileDocument,
        fc.record({ cliff: maybeNull, sla: maybeNull, chosen: maybeNull, current: maybeNull }),
        (points, observed, document, marks) => {
          const local = localGpuFrom([document]);
          const overlay = local
            ? normaliseCurve(local.gemvCurve, (b) => points[b - 1]?.aggregateTps ?? null)
            : [];
          finiteLayout(() =>
            layoutBatching({
              points,
              regions: points.map((p, i) => ({
                region: 'linear' as const,
                fromBatch: p.batch,
                toBatch: points[i + 1]?.batch ?? p.batch,
              })),
              kvCliffBatch: marks.cliff,
              slaPerStreamTps: marks.sla,
              chosenBatch: marks.chosen,
              currentBatch: marks.current,
              observed: observed.map((o) => ({ ...o, seriesId: 'blog', label: 'x' })),
              overlay,
            }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the line charts (TTFT, max users), linear and log y', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: hostileNumber, y: hostileNumber }), { maxLength: 20 }),
        fc.array(fc.record({ x: hostileNumber, y: hostileNumber }), { maxLength: 5 }),
        maybeNull,
        fc.boolean(),
        (curve, observed, markerX, logY) => {
          finiteLayout(() =>
            layoutLine({
              curve,
              observed: observed.map((o) => ({ ...o, seriesId: 'blog', label: 'x' })),
              markerX,
              logY,
            }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the stacked bars (fleet, bill) and the VRAM bars', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(hostileNumber, { maxLength: 3 }), { maxLength: 5 }),
        fc.array(hostileNumber, { maxLength: 3 }),
        fc.array(fc.tuple(hostileNumber, hostileNumber, hostileNumber), { maxLength: 2 }),
        (bars, references, vram) => {
          finiteLayout(() =>
            layoutStackedBars({
              bars: bars.map((segments, i) => ({
                id: `b${i}`,
                label: 'bar',
                segments: segments.map((value, j) => ({ key: `s${j}`, label: 's', value })),
              })),
              references: references.map((value, i) => ({ key: `r${i}`, label: 'ref', value })),
            }),
          );
          finiteLayout(() =>
            layoutVram(
              vram.map(([capacityBytes, weightBytes, activationBytes], i) => ({
                id: i === 0 ? ('gpu' as const) : ('node' as const),
                label: 'bar',
                capacityBytes,
                weightBytes,
                activationBytes,
              })),
            ),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
