// `--set model.*` (and the explorer's set.model.*) edit the model's architecture before the scenario is
// built, so ridgeline's per-operator model and the napkin both see the edited model: 16 layers means 16
// layers everywhere, or the edit is refused with a reason. Before this, the dotted paths only rewrote the
// napkin's copy of the numbers and the per-operator model kept the preset's architecture, silently.
//
// model.totalParams and model.activeParams are the blog's stated totals, which only the blog-faithful
// preset's napkin reads; for any other model they are counted from the architecture and setting them is
// refused.
import type { ModelArchitecture } from '../architecture/types.ts';
import { architectureProblems } from '../architecture/validate.ts';
import type { ModelPreset } from '../presets/modelTypes.ts';
import { clipForMessage } from '../text/plainText.ts';
import { boundOf } from './inputBounds.ts';
import { describeInput, INPUT_PATHS, parseInputValue } from './inputPaths.ts';

/** model.* inputs that are fields of the architecture (or of the model, its context window). */
export const MODEL_EDIT_PATHS = [
  'model.hiddenSize',
  'model.numAttentionHeads',
  'model.nRoutedExperts',
  'model.nSharedExperts',
  'model.expertsPerToken',
  'model.moeIntermediateSize',
  'model.expertMatrices',
  'model.numLayers',
  'model.moeLayers',
  'model.kvLoraRank',
  'model.qkRopeHeadDim',
  'model.contextWindowTokens',
] as const;

/** The blog's stated totals: inputs of the napkin's chain for the blog-faithful preset only. */
export const STATED_TOTAL_PATHS = ['model.totalParams', 'model.activeParams'] as const;

export function isModelEditPath(path: string): boolean {
  return (MODEL_EDIT_PATHS as readonly string[]).includes(path);
}

export interface ModelEdit {
  readonly path: string;
  readonly value: string | number;
}

/** An edit that cannot be made: names the edit to blame (its path) and why. */
export class ModelEditError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'ModelEditError';
  }
}

export interface EditedModel {
  readonly model: ModelPreset;
  /** what the edits did beyond the obvious, one sentence each */
  readonly notes: readonly string[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object | null ? Mutable<T[K]> : T[K] };

const SPEC = new Map(INPUT_PATHS.map((entry) => [entry.path, entry]));

function editValue(edit: ModelEdit): number {
  const entry = SPEC.get(edit.path);
  if (!entry || !isModelEditPath(edit.path))
    throw new ModelEditError(edit.path, `${clipForMessage(edit.path)} is not a field of the model`);
  const value = parseInputValue(entry.kind, edit.value, boundOf(edit.path));
  if (typeof value !== 'number')
    throw new ModelEditError(
      edit.path,
      `${edit.path}='${clipForMessage(String(edit.value))}': expected ${describeInput(entry)}`,
    );
  return value;
}

const at = (path: string, value: number) => `${path} (${value})`;

/**
 * The model with `edits` applied in order (each a model.* path of MODEL_EDIT_PATHS and its value);
 * throws ModelEditError naming the edit and why. Editing the architecture of the blog-faithful preset
 * makes it an ordinary model: its stated totals and asserted inputs give way to derived ones.
 */
export function editModel(base: ModelPreset, edits: readonly ModelEdit[]): EditedModel {
  if (edits.length === 0) return { model: base, notes: [] };
  const arch = structuredClone(base.architecture) as Mutable<ModelArchitecture>;
  let contextWindowTokens = base.contextWindowTokens;
  let architectureEdited = false;
  /** the last edit of each path: the one to blame when fields no longer agree */
  const last = new Map<string, number>();
  const name = base.displayName;
  for (const edit of edits) {
    const value = editValue(edit);
    // re-inserted, so the map's order is the order of each path's last edit
    last.delete(edit.path);
    last.set(edit.path, value);
    const needMoe = (): NonNullable<Mutable<ModelArchitecture>['moe']> => {
      if (arch.moe === null)
        throw new ModelEditError(edit.path, `${edit.path}: ${name} is dense (it has no experts)`);
      return arch.moe;
    };
    const needMla = () => {
      const a = arch.attention;
      if (a.kind !== 'mla')
        throw new ModelEditError(
          edit.path,
          `${edit.path}: ${name} uses ${a.kind.toUpperCase()} attention, which caches keys and values per KV head; ${edit.path.slice(6)} is MLA's`,
        );
      return a;
    };
    if (edit.path !== 'model.contextWindowTokens') architectureEdited = true;
    switch (edit.path) {
      case 'model.hiddenSize':
        arch.hiddenSize = value;
        break;
      case 'model.numAttentionHeads': {
        const a = arch.attention;
        // MHA stays MHA (a KV head per head); GQA keeps its KV heads, which must still divide the heads
        if (a.kind === 'mha') a.numKvHeads = value;
        a.numHeads = value;
        break;
      }
      case 'model.nRoutedExperts':
        needMoe().routedExperts = value;
        break;
      case 'model.nSharedExperts':
        needMoe().sharedExperts = value;
        break;
      case 'model.expertsPerToken':
        needMoe().expertsPerToken = value;
        break;
      case 'model.moeIntermediateSize':
        needMoe().moeIntermediateSize = value;
        break;
      case 'model.expertMatrices':
        arch.ffnMatrices = value;
        break;
      case 'model.numLayers': {
        const before = arch.numLayers;
        arch.numLayers = value;
        // leading dense layers stay (at least one MoE layer left); sliding layers keep their share
        if (arch.moe !== null) arch.firstKDenseLayers = Math.min(arch.firstKDenseLayers, value - 1);
        if (arch.slidingWindow !== null)
          arch.slidingWindow.layers = Math.round((arch.slidingWindow.layers * value) / before);
        break;
      }
      case 'model.moeLayers':
        needMoe();
        if (value < 1 || value > arch.numLayers)
          throw new ModelEditError(
            edit.path,
            `${at(edit.path, value)} must be from 1 to model.numLayers (${arch.numLayers})`,
          );
        arch.firstKDenseLayers = arch.numLayers - value;
        break;
      case 'model.kvLoraRank':
        needMla().kvLoraRank = value;
        break;
      case 'model.qkRopeHeadDim':
        needMla().qkRopeHeadDim = value;
        break;
      case 'model.contextWindowTokens':
        contextWindowTokens = value;
        break;
    }
  }
  const blame = (...paths: string[]): string =>
    [...last.keys()].filter((path) => paths.includes(path)).at(-1) ?? paths[0] ?? 'model';
  const moe = arch.moe;
  if (moe !== null && moe.expertsPerToken > moe.routedExperts) {
    throw new ModelEditError(
      blame('model.expertsPerToken', 'model.nRoutedExperts'),
      `model.expertsPerToken (${moe.expertsPerToken}) must be <= model.nRoutedExperts (${moe.routedExperts})`,
    );
  }
  const a = arch.attention;
  if (a.kind !== 'mla' && a.numHeads % a.numKvHeads !== 0) {
    throw new ModelEditError(
      'model.numAttentionHeads',
      `${at('model.numAttentionHeads', a.numHeads)} must be a multiple of ${name}'s ${a.numKvHeads} KV heads`,
    );
  }
  const problems = architectureProblems(arch);
  if (problems.length > 0) {
    const path = [...last.keys()].at(-1) ?? 'model';
    throw new ModelEditError(path, `the edited architecture is not usable: ${problems[0]}`);
  }
  const notes: string[] = [];
  const edited = edits.map((e) => `${e.path.slice(6)} ${String(e.value)}`).join(', ');
  if (base.blogFaithful && architectureEdited) {
    notes.push(
      `${edited}: the edited architecture is no longer the blog's model; its totals and shared bytes are derived from it instead of the blog's stated 1T / 32B and 5.6 GB`,
    );
  }
  return {
    model: {
      ...base,
      displayName: `${base.displayName}, edited: ${edited}`,
      architecture: arch,
      contextWindowTokens,
      blogFaithful: base.blogFaithful && !architectureEdited,
    },
    notes,
  };
}

/**
 * Why a stated total may not be set for this model (null when it may): only the blog-faithful preset's
 * napkin takes the blog's stated totals; every other model counts them from its architecture.
 */
export function statedTotalProblem(model: ModelPreset, path: string): string | null {
  if (!(STATED_TOTAL_PATHS as readonly string[]).includes(path) || model.blogFaithful) return null;
  return `${path} is counted from ${model.displayName}'s architecture: set the fields it is counted from instead (${MODEL_EDIT_PATHS.slice(0, 3).join(', ')}, …)`;
}

/** What setting a stated total does, for the blog-faithful preset (it reaches the napkin only). */
export function statedTotalNote(path: string): string {
  return `${path} is the blog's stated figure: it changes the napkin's chain; ridgeline's per-operator model counts the parameters of the architecture`;
}
