// The explorer's static markup: toolbar, notices, inputs, and one section per chapter with slots for its
// charts and figures. Everything dynamic is filled in by mount.ts.
import { CHAPTERS } from './chapters.ts';

export const CHART_SLOTS: Record<string, readonly { readonly id: string; readonly title: string }[]> = {
  load: [{ id: 'vram', title: 'VRAM: weights, activations and the KV budget, per GPU and per node' }],
  decode: [{ id: 'decode', title: 'Decode at B=1: the bandwidth ceiling against what real MBU leaves' }],
  roofline: [{ id: 'roofline', title: 'Roofline: where decode and prefill sit against the GPU’s roofs' }],
  prefill: [
    { id: 'ttft', title: 'TTFT against concurrency (napkin F48) with published and measured points' },
  ],
  kv: [{ id: 'kv', title: 'Max concurrent users against context (the KV-capacity cliff, F25)' }],
  batching: [
    { id: 'batching', title: 'The batching curve: per-stream and aggregate tok/s against B (log2)' },
  ],
  fleet: [
    { id: 'fleet', title: 'The fleet against the traffic tiers: self-hosted and API spill-over' },
    { id: 'bill', title: 'Monthly bill: self-host + spill-over against all-API' },
  ],
};

export function explorerHtml(knobs: string, editor: string): string {
  return `<div class="explorer">
  <header class="explorer-toolbar">
    <h2 id="project-title">Projection explorer: the blog’s chain, step by step</h2>
    <div class="toolbar-actions">
      <button type="button" class="present-button" data-action="present">Present</button>
      <button type="button" data-action="open-3d">3D landscape</button>
      <a class="share-link" data-role="share" href="">link to this scenario</a>
    </div>
  </header>
  <div class="explorer-notices" role="status" aria-live="polite" hidden></div>
  <div class="explorer-body">
    <aside class="explorer-inputs" aria-label="Scenario inputs">
      ${knobs}
      <div class="scenario-problems" role="alert" hidden></div>
      <p class="cli-line">CLI: <code data-role="cli"></code></p>
      <details class="input-editor"><summary>Every input (blog defaults, reset)</summary>${editor}</details>
    </aside>
    <div class="explorer-chapters">
      ${CHAPTERS.map(
        (c) => `<section class="chapter" data-chapter="${c.id}" aria-labelledby="chapter-${c.id}">
        <h3 id="chapter-${c.id}">${c.title}</h3>
        <p class="lede">${c.lede}</p>
        <div class="chapter-problems" hidden></div>
        <div class="charts">${(CHART_SLOTS[c.id] ?? [])
          .map(
            (
              slot,
            ) => `<figure class="chart-slot" data-chart="${slot.id}"><figcaption>${slot.title}</figcaption>
              <div class="chart-host"></div><div class="chart-legend" data-legend="${slot.id}"></div></figure>`,
          )
          .join('')}</div>
        <div class="chapter-extra" data-extra="${c.id}"></div>
        <div class="figures headline-figures"></div>
        <details class="more-figures"><summary>All figures of this chapter</summary><div class="figures"></div></details>
      </section>`,
      ).join('')}
    </div>
  </div>
  <div class="landscape-dialog" role="dialog" aria-label="3D batching landscape" hidden>
    <div class="landscape-header">
      <strong>3D batching landscape</strong>
      <label>height <select data-role="landscape-metric"><option value="aggregate">aggregate tok/s</option><option value="perStream">per-stream tok/s</option></select></label>
      <button type="button" data-action="close-3d">Close</button>
    </div>
    <p class="landscape-help">Batch 1…512 (log2) across, context 1K…256K (log2) to the back, tok/s up. Drag to orbit, wheel to zoom.</p>
    <ul class="chart-legend landscape-legend" aria-label="3D legend">
      <li class="legend-item surface-meets">surface: meets the per-stream SLA</li>
      <li class="legend-item surface-misses">misses the SLA</li>
      <li class="legend-item surface-cliff">past the KV capacity</li>
      <li class="legend-item kv-wall">red wall: KV capacity (F25)</li>
      <li class="legend-item sla-plane">blue: the SLA (a plane for per-stream height, a curtain through the chosen B for aggregate)</li>
      <li class="legend-item slice">black line: the current context, the 2D chart's curve</li>
    </ul>
    <div class="landscape-host"></div>
  </div>
</div>`;
}
