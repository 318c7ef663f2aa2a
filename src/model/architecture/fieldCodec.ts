// A ModelArchitecture as flat named text fields and back: how a model read from a config.json travels in
// a share link (the explorer's `arch.<field>` parameters), so the link carries the architecture itself,
// not the file. Reading is strict: every field its kind and physical range (units/ranges.ts), booleans
// exactly true/false, the fields the attention kind and the MoE need all present, and the whole checked
// by architectureProblems. Any other field is ignored only by the caller that never asks for it.
import { parseDecimalInteger } from '../text/decimal.ts';
import { clipForMessage } from '../text/plainText.ts';
import { type Bound, RANGES } from '../units/ranges.ts';
import { DEFAULT_NORMS_PER_LAYER } from './layers.ts';
import type { AttentionSpec, MixtureOfExperts, ModelArchitecture, SlidingWindow } from './types.ts';
import { architectureProblems } from './validate.ts';

/** A field that cannot be read: names it, with what it must be. */
export class ArchitectureFieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ArchitectureFieldError';
  }
}

const positive = (range: Bound): Bound => ({ min: Math.max(1, range.min), max: range.max });

/** Each integer field and its range; booleans and the attention kind are read apart. */
const INTEGER_FIELDS = {
  hiddenSize: positive(RANGES.modelWidth),
  numLayers: RANGES.layers,
  firstKDenseLayers: RANGES.optionalLayers,
  denseIntermediateSize: RANGES.optionalWidth,
  ffnMatrices: positive(RANGES.expertMatrices),
  vocabSize: RANGES.vocabulary,
  normsPerLayer: RANGES.normsPerLayer,
  numHeads: RANGES.heads,
  numKvHeads: RANGES.heads,
  headDim: positive(RANGES.modelWidth),
  qLoraRank: RANGES.latentWidth,
  kvLoraRank: positive(RANGES.latentWidth),
  qkNopeHeadDim: RANGES.latentWidth,
  qkRopeHeadDim: RANGES.latentWidth,
  vHeadDim: positive(RANGES.latentWidth),
  routedExperts: RANGES.routedExperts,
  sharedExperts: RANGES.sharedExperts,
  expertsPerToken: positive(RANGES.expertsPerToken),
  moeIntermediateSize: positive(RANGES.modelWidth),
  slidingWindowTokens: { min: 0, max: RANGES.contextWindow.max },
  slidingWindowLayers: RANGES.layers,
} as const satisfies Readonly<Record<string, Bound>>;

const BOOLEAN_FIELDS = [
  'tiedEmbeddings',
  'qkvBias',
  'outputBias',
  'qkNorm',
  'attentionSinks',
  'expertBias',
  'routerBias',
] as const;

type IntegerField = keyof typeof INTEGER_FIELDS;
type BooleanField = (typeof BOOLEAN_FIELDS)[number];

/** Every field name the codec writes or reads, in writing order. */
export const ARCHITECTURE_FIELD_NAMES: readonly string[] = [
  'attention',
  ...Object.keys(INTEGER_FIELDS),
  ...BOOLEAN_FIELDS,
];

/**
 * The architecture as [field, text] pairs: the fields that apply to it only (no MLA ranks for GQA, no
 * expert fields for a dense model, no window sizes without one). qLoraRank 0 = no query compression;
 * routedExperts 0 = dense; slidingWindowTokens 0 = no sliding layers.
 */
export function encodeArchitecture(arch: ModelArchitecture): [string, string][] {
  const a = arch.attention;
  const fields: [string, string | number | boolean][] = [
    ['attention', a.kind],
    ['hiddenSize', arch.hiddenSize],
    ['numLayers', arch.numLayers],
    ['denseIntermediateSize', arch.denseIntermediateSize],
    ['ffnMatrices', arch.ffnMatrices],
    ['vocabSize', arch.vocabSize],
    ['tiedEmbeddings', arch.tiedEmbeddings],
    ['normsPerLayer', arch.normsPerLayer ?? DEFAULT_NORMS_PER_LAYER],
    ['numHeads', a.numHeads],
  ];
  if (a.kind === 'mla') {
    fields.push(
      ['qLoraRank', a.qLoraRank ?? 0],
      ['kvLoraRank', a.kvLoraRank],
      ['qkNopeHeadDim', a.qkNopeHeadDim],
      ['qkRopeHeadDim', a.qkRopeHeadDim],
      ['vHeadDim', a.vHeadDim],
    );
  } else {
    fields.push(
      ['numKvHeads', a.numKvHeads],
      ['headDim', a.headDim],
      ['qkvBias', a.qkvBias],
      ['outputBias', a.outputBias],
      ['qkNorm', a.qkNorm],
      ['attentionSinks', a.attentionSinks],
    );
  }
  const moe = arch.moe;
  fields.push(['routedExperts', moe?.routedExperts ?? 0]);
  if (moe !== null) {
    fields.push(
      ['firstKDenseLayers', arch.firstKDenseLayers],
      ['sharedExperts', moe.sharedExperts],
      ['expertsPerToken', moe.expertsPerToken],
      ['moeIntermediateSize', moe.moeIntermediateSize],
      ['expertBias', moe.expertBias],
      ['routerBias', moe.routerBias],
    );
  }
  fields.push(['slidingWindowTokens', arch.slidingWindow?.tokens ?? 0]);
  if (arch.slidingWindow !== null) fields.push(['slidingWindowLayers', arch.slidingWindow.layers]);
  return fields.map(([name, value]) => [name, String(value)]);
}

/** Reads fields by name from whatever holds them (a link's parameters); undefined = not given. */
export type FieldLookup = (name: string) => string | undefined;

function reader(get: FieldLookup) {
  const text = (name: string): string => {
    const raw = get(name);
    if (raw === undefined) throw new ArchitectureFieldError(name, `${name} is missing`);
    return raw;
  };
  return {
    int(name: IntegerField): number {
      const raw = text(name);
      const value = parseDecimalInteger(raw);
      const bound = INTEGER_FIELDS[name];
      if (value === null || value < bound.min || value > bound.max) {
        throw new ArchitectureFieldError(
          name,
          `${name} = '${clipForMessage(raw)}': expected an integer from ${bound.min.toLocaleString('en-US')} to ${bound.max.toLocaleString('en-US')}`,
        );
      }
      return value;
    },
    bool(name: BooleanField): boolean {
      const raw = text(name);
      if (raw !== 'true' && raw !== 'false')
        throw new ArchitectureFieldError(name, `${name} = '${clipForMessage(raw)}': expected true or false`);
      return raw === 'true';
    },
    kind(): AttentionSpec['kind'] {
      const raw = text('attention');
      if (raw !== 'mha' && raw !== 'gqa' && raw !== 'mla')
        throw new ArchitectureFieldError(
          'attention',
          `attention = '${clipForMessage(raw)}': expected one of mha, gqa, mla`,
        );
      return raw;
    },
  };
}

/** The architecture the fields describe; throws ArchitectureFieldError naming the first bad field. */
export function decodeArchitecture(get: FieldLookup): ModelArchitecture {
  const r = reader(get);
  const kind = r.kind();
  const hiddenSize = r.int('hiddenSize');
  const numLayers = r.int('numLayers');
  const numHeads = r.int('numHeads');
  let attention: AttentionSpec;
  if (kind === 'mla') {
    const qLoraRank = r.int('qLoraRank');
    attention = {
      kind,
      numHeads,
      qLoraRank: qLoraRank === 0 ? null : qLoraRank,
      kvLoraRank: r.int('kvLoraRank'),
      qkNopeHeadDim: r.int('qkNopeHeadDim'),
      qkRopeHeadDim: r.int('qkRopeHeadDim'),
      vHeadDim: r.int('vHeadDim'),
    };
  } else {
    const numKvHeads = r.int('numKvHeads');
    if (numKvHeads > numHeads || numHeads % numKvHeads !== 0) {
      throw new ArchitectureFieldError(
        'numKvHeads',
        `numKvHeads (${numKvHeads}) must divide numHeads (${numHeads})`,
      );
    }
    if ((kind === 'mha') !== (numKvHeads === numHeads)) {
      throw new ArchitectureFieldError(
        'attention',
        `attention '${kind}' contradicts numKvHeads ${numKvHeads} of numHeads ${numHeads} (mha: equal, gqa: fewer)`,
      );
    }
    attention = {
      kind,
      numHeads,
      numKvHeads,
      headDim: r.int('headDim'),
      qkvBias: r.bool('qkvBias'),
      outputBias: r.bool('outputBias'),
      qkNorm: r.bool('qkNorm'),
      attentionSinks: r.bool('attentionSinks'),
    };
  }
  const routedExperts = r.int('routedExperts');
  let moe: MixtureOfExperts | null = null;
  let firstKDenseLayers = 0;
  if (routedExperts > 0) {
    firstKDenseLayers = r.int('firstKDenseLayers');
    moe = {
      routedExperts,
      sharedExperts: r.int('sharedExperts'),
      expertsPerToken: r.int('expertsPerToken'),
      moeIntermediateSize: r.int('moeIntermediateSize'),
      expertBias: r.bool('expertBias'),
      routerBias: r.bool('routerBias'),
    };
  }
  const windowTokens = r.int('slidingWindowTokens');
  const slidingWindow: SlidingWindow | null =
    windowTokens === 0 ? null : { tokens: windowTokens, layers: r.int('slidingWindowLayers') };
  const normsPerLayer = r.int('normsPerLayer');
  const arch: ModelArchitecture = {
    hiddenSize,
    numLayers,
    firstKDenseLayers,
    denseIntermediateSize: r.int('denseIntermediateSize'),
    ffnMatrices: r.int('ffnMatrices'),
    vocabSize: r.int('vocabSize'),
    tiedEmbeddings: r.bool('tiedEmbeddings'),
    ...(normsPerLayer === DEFAULT_NORMS_PER_LAYER ? {} : { normsPerLayer }),
    attention,
    moe,
    slidingWindow,
  };
  const problems = architectureProblems(arch);
  if (problems.length > 0) throw new ArchitectureFieldError('architecture', problems[0] ?? '');
  return arch;
}
