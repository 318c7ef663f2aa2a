import type { ModelArchitecture } from '../architecture/types.ts';
import type { PresetSource } from './source.ts';

export interface ModelPreset {
  readonly id: string;
  readonly displayName: string;
  readonly architecture: ModelArchitecture;
  /** Context window the model card states (informational, spec model.contextWindowTokens). */
  readonly contextWindowTokens: number;
  /**
   * Total and active parameters as the model card (or the blog) states them, for comparison; absent for
   * a model read from a config.json, where only the architecture is known.
   */
  readonly published?: { readonly totalParams: number; readonly activeParams: number };
  /**
   * true for the blog-faithful preset: the scenario takes the blog's stated totals and asserted inputs
   * (spec §2) instead of deriving them from the architecture, so it reproduces the blog's chain.
   */
  readonly blogFaithful: boolean;
  readonly sources: readonly PresetSource[];
}
