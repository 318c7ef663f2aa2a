// Each operator of a step as a point on the roofline (issue 11, item 7): at its arithmetic intensity
// (FLOP ÷ HBM bytes) and the FLOP/s it achieves in the model (FLOP ÷ its time), on one GPU. Memory-bound
// operators sit under the slope, compute-bound ones under the flat roof; the gap to the roof is the
// efficiency the model applies. Collectives move no HBM bytes through math and have no FLOP: they are
// not on a roofline and are left out. Pure: the explorer (and a slide with a batch slider) passes the
// operators of any step.
import { intensity, percent, seconds, si } from '../model/units/format.ts';
import type { ChartPoint, ColorKey } from './rooflineTypes.ts';

export interface RooflineOp {
  readonly name: string;
  readonly bytes: number;
  readonly flops: number;
  readonly seconds: number;
  readonly boundBy: string;
}

export interface OperatorPointOptions {
  /** 'decode' or 'prefill': the series, and the id prefix */
  readonly phase: string;
  /** e.g. "decode B=16" */
  readonly stepLabel: string;
  readonly color: ColorKey;
  /** how many of the longest operators get a caption beside their point (the rest: tooltip only) */
  readonly captions?: number;
}

export function operatorPoints(ops: readonly RooflineOp[], options: OperatorPointOptions): ChartPoint[] {
  const plottable = ops.filter(
    (op) => op.flops > 0 && op.bytes > 0 && op.seconds > 0 && Number.isFinite(op.flops / op.seconds),
  );
  const total = plottable.reduce((sum, op) => sum + op.seconds, 0);
  const captioned = new Set(
    [...plottable]
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, options.captions ?? 3)
      .map((op) => op.name),
  );
  return plottable.map((op) => {
    const ai = op.flops / op.bytes;
    const achieved = op.flops / op.seconds;
    return {
      id: `op-${options.phase}-${op.name}`,
      seriesId: `ops-${options.phase}`,
      color: options.color,
      label: `${options.phase} ${op.name}`,
      intensityFlopsPerByte: ai,
      flopsPerSecond: achieved,
      shape: op.boundBy === 'compute' ? 'square' : 'circle',
      pathKey: null,
      caption: captioned.has(op.name) ? op.name : null,
      tooltip: [
        { name: 'operator', value: `${op.name} (${options.stepLabel})` },
        { name: 'bound by', value: op.boundBy },
        { name: 'bytes', value: si(op.bytes, 'B') },
        { name: 'FLOP', value: si(op.flops, 'FLOP') },
        { name: 'intensity', value: intensity(ai) },
        {
          name: 'time',
          value: `${seconds(op.seconds)} (${percent(op.seconds / total)} of the operators)`,
        },
        { name: 'achieved', value: si(achieved, 'FLOP/s') },
      ],
    };
  });
}

export interface CommunicationPointOptions {
  readonly phase: string;
  readonly stepLabel: string;
  readonly color: ColorKey;
  /** the link the collectives run over, for the tooltip ("NVLink 5, 900 GB/s") */
  readonly linkLabel: string;
}

/**
 * A step's collectives as points against the interconnect's roof (the JAX scaling book's communication
 * roofline): x = the step's FLOP ÷ the bytes this GPU sends over its link, y = that FLOP ÷ the
 * collective's time. The link's slope (its bandwidth × x) caps them; the gap below it is the link's
 * efficiency and each hop's latency. Left of the link's ridge (peak ÷ link bandwidth) the step's math
 * waits on the interconnect: the operator is communication-bound.
 */
export function communicationPoints(
  ops: readonly (RooflineOp & { readonly kind?: string })[],
  stepFlops: number,
  options: CommunicationPointOptions,
): ChartPoint[] {
  const collectives = ops.filter(
    (op) => (op.kind === 'communication' || op.boundBy === 'communication') && op.bytes > 0 && op.seconds > 0,
  );
  if (!(stepFlops > 0)) return [];
  return collectives.map((op) => {
    const ai = stepFlops / op.bytes;
    const achieved = stepFlops / op.seconds;
    return {
      id: `comm-${options.phase}-${op.name}`,
      seriesId: `comm-${options.phase}`,
      color: options.color,
      label: `${options.phase} ${op.name}`,
      intensityFlopsPerByte: ai,
      flopsPerSecond: achieved,
      shape: 'triangle',
      pathKey: null,
      // the legend names the triangles; a caption would crowd the ridge they sit by
      caption: null,
      tooltip: [
        { name: 'collective', value: `${op.name} (${options.stepLabel})` },
        { name: 'link', value: options.linkLabel },
        { name: 'bytes sent', value: si(op.bytes, 'B') },
        { name: 'step FLOP', value: si(stepFlops, 'FLOP') },
        { name: 'FLOP per link byte', value: intensity(ai) },
        { name: 'time', value: seconds(op.seconds) },
        { name: 'the link allows', value: si(achieved, 'FLOP/s') },
      ],
    };
  });
}
