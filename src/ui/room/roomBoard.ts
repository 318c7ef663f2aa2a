// What the speaker shows of a room, on the speaker's page and on the deck's room slide alike: the join
// address and its QR code, "N devices" counted live, the fastest and the median device named (nicknames
// as text), every device's roofline by class beside the B200's roofs, and a histogram of memory
// bandwidth. It redraws at most once per frame (roomFeed.ts), with a fixed number of SVG elements
// whatever the number of devices (roomLayout.ts), so a room of 500 stays smooth.
import './room.css';
import { histogramLayout, type ReferenceRoof, roomChartLayout } from '../../charts/roomLayout.ts';
import { createHistogram, createRoomChart } from '../../charts/roomRender.ts';
import { B200_REFERENCE } from '../../model/presets/reference.ts';
import { si } from '../../model/units/format.ts';
import { DEVICE_CLASS_LABELS, DEVICE_CLASSES, type RoomEntry } from '../../room/entry.ts';
import { displayName, type Ranked, type RankingMetric, summariseRoom } from '../../room/summary.ts';
import { h } from '../dom.ts';
import { qrSvg } from './qrCode.ts';
import type { RoomFeed } from './roomFeed.ts';

/** The B200's roofs (model/presets/reference.ts): FP32 FMA beside the devices' f32, FP4 dense on top. */
export const ROOM_REFERENCES: readonly ReferenceRoof[] = [
  {
    label: 'B200 FP4 dense',
    bandwidthBytesPerSecond: B200_REFERENCE.bandwidthBytesPerSecond,
    flopsPerSecond: B200_REFERENCE.fp4DenseFlopsPerSecond,
  },
  {
    label: 'B200 FP32',
    bandwidthBytesPerSecond: B200_REFERENCE.bandwidthBytesPerSecond,
    flopsPerSecond: B200_REFERENCE.fp32FlopsPerSecond,
  },
];

export interface RoomBoardOptions {
  readonly code: string;
  readonly joinUrl: string;
  readonly feed: RoomFeed;
  /** 'slide': sized for the deck's 1920×1080 stage; 'page': the speaker's full page. */
  readonly mode: 'page' | 'slide';
}

export interface RoomBoard {
  readonly element: HTMLElement;
  /** Redraws now (the feed also redraws it on every change). */
  draw(): void;
  dispose(): void;
}

/** A name beside the chart's right edge: the side panel has it in full. */
const short = (name: string) => ([...name].length > 11 ? `${[...name].slice(0, 10).join('')}…` : name);

const figure = (metric: RankingMetric, value: number) =>
  metric === 'memory' ? si(value, 'B/s') : si(value, 'FLOP/s');

function rankedText(what: string, ranked: Ranked | null, metric: RankingMetric): string {
  if (!ranked) return `${what}: —`;
  const name = displayName(ranked.entry);
  const device = ranked.entry.nickname ? ` (${ranked.entry.device.name})` : '';
  return `${what}: ${name}${device} · ${figure(metric, ranked.value)}`;
}

export function createRoomBoard(options: RoomBoardOptions): RoomBoard {
  const { feed, mode } = options;
  const font = mode === 'slide' ? 22 : 15;
  // on the slide the histogram runs under the chart, so the side column fits the 1920×1080 stage
  const chartSize =
    mode === 'slide' ? { width: 1180, height: 600, font } : { width: 1100, height: 600, font };
  const histogramSize =
    mode === 'slide' ? { width: 1180, height: 190, font } : { width: 520, height: 220, font };
  mode === 'slide' ? { width: 560, height: 250, font } : { width: 520, height: 220, font };

  const count = h(
    'p',
    { class: 'room-count', 'data-field': 'room-count', 'aria-live': 'polite' },
    '0 devices',
  );
  const classItems = new Map(
    DEVICE_CLASSES.map((c) => [
      c,
      h('li', { 'data-class': c }, h('span', { class: `room-swatch ${c}` }), ''),
    ]),
  );
  const fastest = h('p', { class: 'room-named', 'data-field': 'room-fastest' });
  const median = h('p', { class: 'room-named', 'data-field': 'room-median' });
  const latest = h('p', { class: 'room-latest', 'data-field': 'room-latest', 'aria-live': 'polite' });
  const metricNote = h('p', { class: 'room-note', 'data-field': 'room-metric' });
  const status = h('p', { class: 'room-status', 'data-field': 'room-status' });
  const chartHost = h('figure', { class: 'room-chart-host' });
  const histogramHost = h('figure', { class: 'room-histogram-host' });
  const chart = createRoomChart(chartHost, 'Every device in the room: rooflines by class, the B200 above');
  const histogram = createHistogram(histogramHost, 'Memory bandwidth of the devices in the room');
  const join = h(
    'div',
    { class: 'room-join' },
    qrSvg(options.joinUrl, `QR code of the join address ${options.joinUrl}`),
    h(
      'div',
      { class: 'room-join-text' },
      h('p', { class: 'room-join-label' }, 'Measure your device: open'),
      h('p', { class: 'room-join-url', 'data-field': 'room-join-url' }, options.joinUrl),
      h('p', { class: 'room-code' }, 'room ', h('strong', {}, options.code)),
    ),
  );
  const side = h(
    'div',
    { class: 'room-side' },
    join,
    count,
    h('ul', { class: 'room-classes' }, ...classItems.values()),
    fastest,
    median,
    latest,
  );
  const main = h('div', { class: 'room-main' }, chartHost);
  if (mode === 'slide') main.append(histogramHost);
  else side.append(histogramHost);
  side.append(metricNote, status);
  const element = h(
    'section',
    { class: `room-board ${mode}`, 'data-room': options.code, 'aria-label': `Room ${options.code}` },
    side,
    main,
  );

  const draw = (): void => {
    const start = performance.now();
    const entries: RoomEntry[] = [...feed.entries.values()];
    const summary = summariseRoom(entries);
    count.textContent = `${summary.count} device${summary.count === 1 ? '' : 's'}`;
    element.dataset['count'] = String(summary.count);
    for (const [deviceClass, item] of classItems) {
      item.lastChild!.textContent = ` ${DEVICE_CLASS_LABELS[deviceClass]} ${summary.byClass[deviceClass]}`;
    }
    fastest.textContent = rankedText('Fastest', summary.fastest, summary.metric);
    median.textContent = rankedText('Median', summary.median, summary.metric);
    const newest = feed.latestId ? feed.entries.get(feed.latestId) : undefined;
    latest.textContent = newest ? `Just in: ${displayName(newest)}` : '';
    metricNote.textContent =
      summary.metric === 'memory'
        ? `Ranked by measured memory bandwidth (decode reads every weight from it).${summary.withoutBandwidth > 0 ? ` ${summary.withoutBandwidth} without a DRAM figure are drawn but not ranked.` : ''}`
        : summary.count > 0
          ? 'No device has a DRAM figure yet (its streams fit in cache), so they are ranked by FMA peak.'
          : 'Waiting for the first device.';
    status.textContent = !feed.open
      ? 'This room is closed to new results.'
      : feed.status === 'live'
        ? 'Live.'
        : feed.status === 'connecting'
          ? 'Connecting…'
          : 'Connection lost: reconnecting…';
    element.dataset['status'] = feed.open ? feed.status : 'closed';
    const ids = {
      fastest: summary.fastest?.entry.id ?? null,
      median: summary.median?.entry.id ?? null,
      latest: feed.latestId,
    };
    chart.update(roomChartLayout(entries, ROOM_REFERENCES, ids, chartSize), {
      fastest: summary.fastest ? `fastest: ${short(displayName(summary.fastest.entry))}` : '',
      median: summary.median ? `median: ${short(displayName(summary.median.entry))}` : '',
      latest: newest ? `new: ${short(displayName(newest))}` : '',
    });
    const bandwidth = (r: Ranked | null) => (summary.metric === 'memory' ? (r?.value ?? null) : null);
    histogram.update(
      histogramLayout(
        summary.histogram,
        { fastest: bandwidth(summary.fastest), median: bandwidth(summary.median) },
        histogramSize,
      ),
      'No memory bandwidth measured yet',
    );
    performance.measure('ridgeline:task:room-draw', { start, end: performance.now() });
  };
  const unsubscribe = feed.subscribe(draw);
  draw();
  return {
    element,
    draw,
    dispose() {
      unsubscribe();
    },
  };
}
