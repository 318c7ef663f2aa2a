// §4.2–4.5 decode bandwidth ceiling and the roofline (F10–F13, F15–F16).

import type { ScenarioInputs } from '../scenario/inputs.ts';
import type { ResolvedArchitecture } from '../scenario/resolve.ts';
import { type FigureMap, put } from './sink.ts';

export interface DecodeValues {
  bytesPerTokenB1: number;
  nodeBandwidthRawBps: number;
  decodeCeilingTps: number;
  ridgeFlopsPerByte: number;
  decodeFlopsPerByte: number;
}

export function decodeChain(
  inputs: ScenarioInputs,
  arch: ResolvedArchitecture,
  out: FigureMap,
): DecodeValues {
  const { gpuBandwidthBps, gpusPerNode, gpuPeakFlops } = inputs.hardware;
  const { nodeBandwidthEffectiveBps, mbuRange, mbuMeasured, decodeFlopsPerByteStated } = inputs.empirical;
  const { activeParams } = inputs.model;
  const { weightBytesPerParam, flopsPerParamPerToken } = inputs.precision;
  const bytesPerTokenB1 = put(
    out,
    'decode.bytes_per_token_b1',
    { label: 'Bytes read per token at B=1', unit: 'B', formula: 'F10', section: '4.2', basis: 'theoretical' },
    arch.bytesPerTokenB1,
    { activeParams, weightBytesPerParam },
  );
  const nodeBandwidthRawBps = put(
    out,
    'decode.node_bw_raw',
    { label: 'Raw node bandwidth', unit: 'B/s', formula: 'F11', section: '4.2', basis: 'theoretical' },
    gpuBandwidthBps * gpusPerNode,
    { gpuBandwidthBps, gpusPerNode },
  );
  put(
    out,
    'decode.node_bw_effective',
    {
      label: 'Effective node bandwidth (asserted)',
      unit: 'B/s',
      formula: 'input',
      section: '4.2',
      basis: 'input',
    },
    nodeBandwidthEffectiveBps,
  );
  const ceilingMeta = { unit: 'tok/s', section: '4.2', basis: 'empirical' } as const;
  const decodeCeilingTps = put(
    out,
    'decode.ceiling_tps',
    { ...ceilingMeta, label: 'Decode ceiling at B=1', formula: 'F12' },
    nodeBandwidthEffectiveBps / bytesPerTokenB1,
    { nodeBandwidthEffectiveBps, bytesPerTokenB1 },
  );
  const realistic = { ...ceilingMeta, formula: 'F13', note: 'at B=1 bytes per token' };
  put(
    out,
    'decode.realistic_lo_tps',
    { ...realistic, label: 'Realistic decode at low MBU' },
    mbuRange.lo * decodeCeilingTps,
    {
      decodeCeilingTps,
      mbu: mbuRange.lo,
    },
  );
  put(
    out,
    'decode.realistic_hi_tps',
    { ...realistic, label: 'Realistic decode at high MBU' },
    mbuRange.hi * decodeCeilingTps,
    {
      decodeCeilingTps,
      mbu: mbuRange.hi,
    },
  );
  put(
    out,
    'decode.mbu_measured',
    { label: 'Measured MBU', unit: '', formula: 'input', section: '4.3/5.9', basis: 'input' },
    mbuMeasured,
  );
  const ridgeFlopsPerByte = put(
    out,
    'roof.ridge',
    { label: 'Ridge point (per GPU)', unit: 'FLOP/B', formula: 'F15', section: '4.5', basis: 'theoretical' },
    gpuPeakFlops / gpuBandwidthBps,
    { gpuPeakFlops, gpuBandwidthBps },
  );
  // F16 from the precision (I-7); with mixed precision the active FLOP over the bytes actually read.
  const decodeFlopsPerByte = put(
    out,
    'roof.decode_intensity',
    {
      label: 'Decode intensity at B=1, weights alone (the blog’s formula)',
      unit: 'FLOP/B',
      formula: 'F16',
      section: '4.5',
      basis: 'theoretical',
      blogValue: 2,
      note: 'the blog says ~2, which holds only at 1 byte/param; the roofline counts the whole pass, weights and KV cache',
    },
    (flopsPerParamPerToken * activeParams) / bytesPerTokenB1,
    { flopsPerParamPerToken, weightBytesPerParam },
  );
  put(
    out,
    'roof.ridge_over_decode',
    {
      label: 'How far decode sits below the ridge, at the blog’s 2 FLOP/B',
      unit: '×',
      formula: 'F16',
      section: '4.5',
      basis: 'empirical',
      note: 'built on the blog’s ~2 FLOP/B; with the FP4-correct 4 FLOP/B it is half as far, and over the whole pass (the roofline’s stars) different again',
    },
    ridgeFlopsPerByte / decodeFlopsPerByteStated,
    { ridge: ridgeFlopsPerByte, decodeFlopsPerByteStated },
  );
  return { bytesPerTokenB1, nodeBandwidthRawBps, decodeCeilingTps, ridgeFlopsPerByte, decodeFlopsPerByte };
}
