import { describe, expect, it } from 'vitest';
import { histogramLayout, roomChartLayout, spreadLabels } from '../../../src/charts/roomLayout.ts';
import type { DeviceClass, RoomEntry } from '../../../src/room/entry.ts';
import { bandwidthHistogram } from '../../../src/room/summary.ts';

const size = { width: 1100, height: 600, font: 15 };
const b200 = [{ label: 'B200 FP32', bandwidthBytesPerSecond: 8e12, flopsPerSecond: 90e12 }];

function entry(id: string, deviceClass: DeviceClass, memory: number | null, f32: number | null): RoomEntry {
  return {
    id,
    nickname: null,
    device: { name: id, vendor: 'v', architecture: 'a', class: deviceClass },
    roofs: { memoryBytesPerSecond: memory, computeFlopsPerSecond: f32 === null ? {} : { f32 } },
    points: [{ kernel: 'gemv', dtype: 'f32', intensityFlopsPerByte: 0.5, flopsPerSecond: 1e9 }],
    profile: 'quick',
    receivedAt: '2026-12-01T10:00:00.000Z',
  };
}

describe('roomChartLayout(entries, references, highlighted, size)', () => {
  it('draws 500 devices as one roof path and one point path per class, every device a subpath', () => {
    const classes: DeviceClass[] = ['phone', 'laptop', 'desktop', 'cpu'];
    const entries = Array.from({ length: 500 }, (_, i) =>
      entry(`e${i}`, classes[i % 4]!, 1e10 * (1 + (i % 50)), i % 10 === 0 ? null : 1e11 * (1 + (i % 7))),
    );
    const layout = roomChartLayout(entries, b200, { fastest: 'e49', median: 'e10', latest: 'e499' }, size);
    expect(layout.families).toHaveLength(4);
    for (const family of layout.families) {
      expect(family.count).toBe(125);
      expect(family.roofs.match(/M/g)).toHaveLength(125);
      expect(family.points.match(/M/g)).toHaveLength(125);
      expect(family.roofs).not.toMatch(/NaN|Infinity/);
    }
    expect(layout.highlights.map((h) => h.role)).toEqual(['fastest', 'median', 'latest']);
    // the B200 sits above every device: its roof is the top of the chart's content
    const top = (d: string) => Math.min(...[...d.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1])));
    expect(top(layout.references[0]!.path)).toBeLessThan(
      Math.min(...layout.families.map((f) => top(f.roofs))),
    );
  });

  it('a device without a memory roof is a flat line; without any roof, nothing; no NaN for an empty room', () => {
    const layout = roomChartLayout(
      [entry('flat', 'cpu', null, 1e10), entry('none', 'cpu', null, null)],
      b200,
      {},
      size,
    );
    const cpu = layout.families.find((f) => f.deviceClass === 'cpu')!;
    expect(cpu.roofs.match(/M/g)).toHaveLength(1);
    expect(cpu.roofs).toMatch(/^M[\d.]+ [\d.]+H[\d.]+$/);
    const empty = roomChartLayout([], b200, {}, size);
    expect(JSON.stringify(empty)).not.toMatch(/NaN|Infinity/);
  });

  it('labels at the right edge never overlap', () => {
    const labels = [{ labelY: 100 }, { labelY: 100 }, { labelY: 104 }, { labelY: 590 }];
    spreadLabels(labels, 17, 20, 585);
    const ys = labels.map((l) => l.labelY).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(17 - 0.05);
    expect(Math.max(...ys)).toBeLessThanOrEqual(585);
  });
});

describe('histogramLayout(bins, markers, size)', () => {
  it('one path of bars on whole decades, markers at the fastest and median figures', () => {
    const bins = bandwidthHistogram([30e9, 35e9, 100e9, 2e9]);
    const layout = histogramLayout(bins, { fastest: 100e9, median: 30e9 }, size);
    expect(layout.bars.match(/M/g)).toHaveLength(4);
    expect(layout.ticks.map((t) => t.label)).toEqual(['1 GB/s', '10 GB/s', '100 GB/s', '1 TB/s']);
    expect(layout.markers.map((m) => m.role)).toEqual(['fastest', 'median']);
    expect(histogramLayout([], {}, size).bars).toBe('');
  });
});
