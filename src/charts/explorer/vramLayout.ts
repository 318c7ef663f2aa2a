// VRAM breakdown (blog §3–4): weights, activations and the KV budget, per GPU and per node. Each bar is
// scaled to its own capacity so a 192 GB GPU and a 1,536 GB node read side by side; a model that does
// not fit shows an "over capacity" segment past the end of the bar instead of a negative KV budget.
import { scaleLinear } from 'd3-scale';
import { textWidth } from '../textMetrics.ts';
import { barValue, type ChartFrame, plotWidth, px } from './frame.ts';

export interface VramBarInput {
  /** 'gpu' and 'node': the blog's napkin; 'model-gpu': ridgeline's memory plan of one GPU */
  readonly id: 'gpu' | 'node' | 'model-gpu';
  readonly label: string;
  readonly capacityBytes: number;
  readonly weightBytes: number;
  readonly activationBytes: number;
}

export interface VramSegment {
  readonly barId: string;
  readonly key: 'weights' | 'activations' | 'kv' | 'over';
  readonly bytes: number;
  readonly x: number;
  readonly width: number;
  readonly y: number;
  readonly height: number;
}

export interface VramLayout {
  readonly frame: ChartFrame;
  readonly segments: readonly VramSegment[];
  readonly bars: readonly {
    readonly id: string;
    readonly label: string;
    readonly y: number;
    readonly capacityX: number;
    readonly fits: boolean;
  }[];
}

export const vramFrame: ChartFrame = {
  width: 640,
  height: 150,
  margin: { top: 12, right: 24, bottom: 12, left: 118 },
};

/**
 * The VRAM chart at a host `width` px wide: one bar per label (the napkin's GPU and node, ridgeline's
 * GPU), the labels on the left in 12–13 px text, the margin as wide as the widest so none is cut.
 */
export function vramFrameFor(
  width: number,
  labels: number | readonly string[] = 2,
  font = width < 480 ? 12 : 13,
): ChartFrame {
  const bars = typeof labels === 'number' ? labels : labels.length;
  const widest =
    typeof labels === 'number'
      ? textWidth('per node (72)', font)
      : Math.max(textWidth('per node (72)', font), ...labels.map((label) => textWidth(label, font)));
  // each bar past two adds its height and gap (62 px at the page's 13 px, as layoutVram spaces them)
  const extra = Math.max(0, bars - 2) * 62 * Math.max(1, font / 13);
  return {
    width: Math.max(260, Math.round(width)),
    height: Math.round(Math.max(150, font * 11.5) + extra),
    // the label ends 8 px before the bars (renderVram): 16 px keeps it clear of the plot's edge too
    margin: { top: 12, right: 16, bottom: 12, left: Math.round(Math.min(width * 0.4, widest + 16)) },
    font,
  };
}

export function layoutVram(
  bars: readonly VramBarInput[],
  frame: ChartFrame = vramFrameFor(vramFrame.width, bars.length),
): VramLayout {
  const { left, top } = frame.margin;
  // bars and gaps grow with the text (36 px and 26 px at the page's 13 px)
  const scale = Math.max(1, (frame.font ?? 13) / 13);
  const barHeight = Math.round(36 * scale);
  const gap = Math.round(26 * scale);
  const width = plotWidth(frame);
  const segments: VramSegment[] = [];
  const placed = bars.map((input, index) => {
    // sizes past PLOT_LIMITS (or NaN) count as 0: every coordinate below stays finite
    const bar = {
      ...input,
      capacityBytes: barValue(input.capacityBytes),
      weightBytes: barValue(input.weightBytes),
      activationBytes: barValue(input.activationBytes),
    };
    const y = top + index * (barHeight + gap) + Math.round(14 * scale);
    const capacity = Math.max(bar.capacityBytes, 1);
    const used = Math.max(0, bar.weightBytes) + Math.max(0, bar.activationBytes);
    // leave room for the overflow when the model does not fit: the scale covers max(capacity, used)
    const x = scaleLinear()
      .domain([0, Math.max(capacity, used)])
      .range([left, left + width]);
    const parts: { key: VramSegment['key']; bytes: number }[] = [
      { key: 'weights', bytes: Math.min(Math.max(0, bar.weightBytes), capacity) },
      {
        key: 'activations',
        bytes: Math.min(Math.max(0, bar.activationBytes), Math.max(0, capacity - bar.weightBytes)),
      },
      { key: 'kv', bytes: Math.max(0, capacity - used) },
      { key: 'over', bytes: Math.max(0, used - capacity) },
    ];
    let start = 0;
    for (const part of parts) {
      if (part.bytes <= 0) continue;
      segments.push({
        barId: bar.id,
        key: part.key,
        bytes: part.bytes,
        x: px(x(start)),
        width: px(x(start + part.bytes) - x(start)),
        y: px(y),
        height: barHeight,
      });
      start += part.bytes;
    }
    return { id: bar.id, label: bar.label, y: px(y), capacityX: px(x(capacity)), fits: used <= capacity };
  });
  return { frame, segments, bars: placed };
}
