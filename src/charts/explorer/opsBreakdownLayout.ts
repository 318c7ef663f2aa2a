// Step time stacked by operator (issue 11, item 7): one stacked bar of the whole step, coloured by what
// bounds each part (memory, compute, communication, or a fixed per-step overhead), and under it one bar
// per part on the same time axis, labelled with its time and share. Used for a decode step at B and for
// the first prefill chunk. Pure geometry (no DOM): renderOpsBreakdown.ts draws it.
import { scaleLinear } from 'd3-scale';
import { percent, seconds } from '../../model/units/format.ts';
import { textWidth } from '../textMetrics.ts';
import { type ChartFrame, plotWidth, px, type Tick, thinTicks } from './frame.ts';

export interface OpsPart {
  readonly name: string;
  readonly seconds: number;
  /** 'memory' | 'compute' | 'communication' | 'overhead': also the CSS class of its bars */
  readonly boundBy: string;
}

export interface PlacedOpsSegment {
  readonly name: string;
  readonly boundBy: string;
  readonly seconds: number;
  readonly x: number;
  readonly width: number;
}

export interface PlacedOpsRow extends PlacedOpsSegment {
  readonly y: number;
  /** "1.23 ms · 12 %" */
  readonly valueText: string;
  /** where the value goes: after the bar, or inside its end when the bar reaches the right edge */
  readonly valueX: number;
  readonly valueInside: boolean;
}

export interface OpsBreakdownLayout {
  readonly frame: ChartFrame;
  readonly totalSeconds: number;
  readonly stackY: number;
  readonly stackHeight: number;
  readonly stack: readonly PlacedOpsSegment[];
  readonly rowHeight: number;
  readonly rows: readonly PlacedOpsRow[];
  readonly xTicks: readonly Tick[];
  /** "step 38.8 ms: memory 71 %, compute 2 %, communication 12 %, overhead 15 %" */
  readonly summary: string;
}

const BOUNDS = ['memory', 'compute', 'communication', 'overhead'] as const;

/** Parts with a positive, finite time only: nothing else can be drawn as a length. */
function drawable(parts: readonly OpsPart[]): OpsPart[] {
  return parts.filter((p) => Number.isFinite(p.seconds) && p.seconds > 0);
}

/**
 * The breakdown at a host `width` px wide in `font` px text (12 on a phone, 13 on a page, as frameFor):
 * rows, the step bar and the margins grow with the text, the left margin holds the longest name.
 */
export function layoutOpsBreakdown(
  parts: readonly OpsPart[],
  width = 640,
  font = width < 480 ? 12 : 13,
): OpsBreakdownLayout {
  const shown = drawable(parts);
  const row = Math.round(font * 1.4);
  const stackHeight = Math.round(font * 1.7);
  const gap = Math.round(font * 1.1);
  const longestName = Math.max(textWidth('whole step', font), ...shown.map((p) => textWidth(p.name, font)));
  // the widest value label: "12.3 ms · 12.3 %"
  const valueWidth = Math.round(textWidth('12.3 ms · 12.3 %', font) + 8);
  const margin = {
    top: 10,
    right: Math.min(valueWidth, Math.round(width * 0.3)),
    bottom: Math.round(font * 3.2),
    left: Math.min(Math.round(longestName + 12), Math.round(width * 0.4)),
  };
  const frame: ChartFrame = {
    width: Math.max(260, Math.round(width)),
    height: margin.top + stackHeight + gap + shown.length * row + margin.bottom,
    margin,
    font,
  };
  const total = shown.reduce((sum, p) => sum + p.seconds, 0);
  const x = scaleLinear()
    .domain([0, total > 0 ? total : 1])
    .range([margin.left, margin.left + plotWidth(frame)]);
  let at = 0;
  const stack = shown.map((p) => {
    const segment = {
      name: p.name,
      boundBy: p.boundBy,
      seconds: p.seconds,
      x: px(x(at)),
      width: px(x(at + p.seconds) - x(at)),
    };
    at += p.seconds;
    return segment;
  });
  const rowsTop = margin.top + stackHeight + gap;
  const insideFrom = frame.width - valueWidth;
  const rows = shown.map((p, i) => {
    const end = x(p.seconds);
    const valueInside = end + 4 > insideFrom;
    return {
      name: p.name,
      boundBy: p.boundBy,
      seconds: p.seconds,
      x: px(x(0)),
      width: px(end - x(0)),
      y: px(rowsTop + i * row),
      valueText: `${seconds(p.seconds)} · ${percent(p.seconds / total, 2)}`,
      valueX: px(valueInside ? end - 4 : end + 4),
      valueInside,
    };
  });
  const byBound = BOUNDS.map((bound) => {
    const share =
      shown.filter((p) => p.boundBy === bound).reduce((sum, p) => sum + p.seconds, 0) / (total || 1);
    return share > 0 ? `${bound} ${percent(share, 2)}` : '';
  }).filter((text) => text !== '');
  return {
    frame,
    totalSeconds: total,
    stackY: margin.top,
    stackHeight,
    stack,
    rowHeight: row,
    rows,
    xTicks: thinTicks(
      x.ticks(5).map((v) => ({ value: v, at: px(x(v)), label: seconds(v, 2) })),
      font,
    ),
    summary: total > 0 ? `${seconds(total)}: ${byBound.join(', ')}` : 'no time',
  };
}
