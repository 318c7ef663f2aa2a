// Opens the 3D batching landscape: builds the grid from the engine (the same sweep at each context) and
// loads three.js only now, through a dynamic import, so the page never pays for it until asked.

import type { LandscapeView } from '../../view3d/landscape.ts';
import type { LandscapeGrid, LandscapeMetric } from '../../view3d/landscapeGrid.ts';
import { h } from '../dom.ts';
import { type Evaluation, evaluateVariant } from './evaluation.ts';

/** 1K…256K in doublings (decimal thousands, spec §1.2), plus the scenario's own context. */
export const LANDSCAPE_CONTEXTS = [1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000];

export interface LandscapeController {
  update(evaluation: Evaluation): void;
  dispose(): void;
}

export function landscapeGrid(evaluation: Evaluation): LandscapeGrid | null {
  const { inputs, result } = evaluation;
  if (!inputs || !result) return null;
  const current = inputs.scenario.kvContextTokens;
  const contexts = [...new Set([...LANDSCAPE_CONTEXTS, current])].sort((a, b) => a - b);
  const batches = Array.from({ length: result.sweep.maxBatch }, (_, i) => i + 1);
  const perStreamTps: (number | null)[][] = [];
  const aggregateTps: (number | null)[][] = [];
  const kvCliffBatch: (number | null)[] = [];
  const slaBatch: (number | null)[] = [];
  for (const context of contexts) {
    const sweep =
      context === current
        ? result.sweep
        : evaluateVariant(inputs, 'scenario.kvContextTokens', context)?.sweep;
    if (!sweep) {
      perStreamTps.push(batches.map(() => null));
      aggregateTps.push(batches.map(() => null));
      kvCliffBatch.push(null);
      slaBatch.push(null);
      continue;
    }
    perStreamTps.push(Array.from(sweep.perStreamTps));
    aggregateTps.push(Array.from(sweep.aggregateTps));
    kvCliffBatch.push(sweep.maxUsers < sweep.maxBatch ? Math.max(1, sweep.maxUsers) : null);
    slaBatch.push(sweep.sla.batch);
  }
  return {
    batches,
    contexts,
    perStreamTps,
    aggregateTps,
    kvCliffBatch,
    slaBatch,
    slaPerStreamTps: result.sweep.sla.targetPerStreamTps,
    currentContext: current,
  };
}

export async function createLandscapeController(
  dialog: HTMLElement,
  evaluation: Evaluation,
): Promise<LandscapeController> {
  const host = dialog.querySelector<HTMLElement>('.landscape-host')!;
  const metricSelect = dialog.querySelector<HTMLSelectElement>('[data-role="landscape-metric"]');
  const metric = (): LandscapeMetric => (metricSelect?.value === 'perStream' ? 'perStream' : 'aggregate');
  const showMessage = (text: string): void => {
    host.replaceChildren(h('p', { class: 'landscape-message', role: 'alert' }, text));
  };
  const grid = landscapeGrid(evaluation);
  if (!grid) {
    showMessage(evaluation.error ?? 'Nothing to draw for this scenario.');
    return { update: () => undefined, dispose: () => host.replaceChildren() };
  }
  let view: LandscapeView | null = null;
  try {
    const { openLandscape } = await import('../../view3d/landscape.ts');
    const opened = openLandscape(host, grid, metric());
    if ('unavailable' in opened) showMessage(opened.unavailable);
    else view = opened.view;
  } catch (error) {
    showMessage(`The 3D view could not load: ${error instanceof Error ? error.message : String(error)}`);
  }
  const publishSlice = (): void => {
    // the slice read back from the drawn buffer, for the "slice equals the 2D chart" check
    if (view) host.dataset['slice'] = JSON.stringify(view.slice());
    host.dataset['metric'] = metric();
  };
  publishSlice();
  return {
    update(next) {
      const nextGrid = landscapeGrid(next);
      if (view && nextGrid) {
        view.update(nextGrid, metric());
        publishSlice();
      }
    },
    dispose() {
      view?.dispose();
      view = null;
      host.replaceChildren();
      delete host.dataset['slice'];
    },
  };
}
