// The device panel: adapter vendor/architecture, features, the limits that matter, and a plain note when
// there is no WebGPU or the adapter is a CPU implementation.
import { si } from '../../charts/format.ts';
import { fill, h } from '../dom.ts';
import type { AdapterProbe } from './adapterProbe.ts';

/** Features the suite uses when present (gpu/device.ts WANTED_FEATURES): shown first and marked. */
const usefulFeatures = new Set(['timestamp-query', 'shader-f16', 'subgroups']);
const keyLimits = [
  'maxStorageBufferBindingSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupStorageSize',
];

function limitValue(name: string, value: number): string {
  return /Size$/.test(name) && value >= 1024
    ? `${si(value, 'B')} (${value.toLocaleString('en-US')})`
    : value.toLocaleString('en-US');
}

export function renderDevicePanel(panel: HTMLElement, probe: AdapterProbe | null): void {
  const title = h('h3', {}, 'Your device');
  if (probe === null) {
    fill(panel, title, h('p', { class: 'muted' }, 'Asking the browser for a WebGPU adapter…'));
    return;
  }
  if (probe.kind === 'no-webgpu') {
    fill(
      panel,
      title,
      h(
        'p',
        { class: 'notice error', 'data-notice': 'no-webgpu' },
        'WebGPU is not available in this browser, so nothing can be measured here. The reference roofs, imported results and the projection below still work. (Try a recent Chrome, Edge or Safari, or Firefox with WebGPU enabled.)',
      ),
    );
    return;
  }
  if (probe.kind === 'no-adapter') {
    fill(
      panel,
      title,
      h(
        'p',
        { class: 'notice error', 'data-notice': 'no-adapter' },
        `WebGPU is present but no adapter is available (${probe.message}), so nothing can be measured here. The reference roofs, imported results and the projection below still work.`,
      ),
    );
    return;
  }
  const features = [...probe.features].sort(
    (a, b) => Number(usefulFeatures.has(b)) - Number(usefulFeatures.has(a)),
  );
  const used = features.filter((f) => usefulFeatures.has(f));
  fill(
    panel,
    title,
    probe.fallback
      ? h(
          'p',
          { class: 'notice', 'data-notice': 'fallback-adapter' },
          'This adapter is a fallback, CPU implementation of WebGPU (e.g. SwiftShader): its numbers describe your CPU running a GPU emulator, not a GPU.',
        )
      : null,
    h(
      'dl',
      { class: 'kv' },
      h('dt', {}, 'Vendor'),
      h('dd', { 'data-field': 'vendor' }, probe.vendor || '—'),
      h('dt', {}, 'Architecture'),
      h('dd', { 'data-field': 'architecture' }, probe.architecture || '—'),
      probe.device ? h('dt', {}, 'Device') : null,
      probe.device ? h('dd', {}, probe.device) : null,
      probe.description ? h('dt', {}, 'Description') : null,
      probe.description ? h('dd', {}, probe.description) : null,
      // The limits that bound the suite's shapes most: largest binding, workgroup size, shared memory.
      ...keyLimits.flatMap((name) =>
        probe.limits[name] === undefined
          ? []
          : [h('dt', {}, name), h('dd', { 'data-limit': name }, limitValue(name, probe.limits[name] ?? 0))],
      ),
      h('dt', {}, 'Kernel features'),
      h(
        'dd',
        { 'data-field': 'used-features' },
        used.length > 0 ? used.join(', ') : 'none of timestamp-query, shader-f16, subgroups',
      ),
    ),
    h(
      'details',
      { class: 'device-details' },
      h('summary', {}, `Limits and all ${features.length} features`),
      h(
        'dl',
        { class: 'kv small' },
        ...Object.entries(probe.limits).flatMap(([name, value]) => [
          h('dt', {}, name),
          h('dd', {}, limitValue(name, value)),
        ]),
      ),
      h(
        'ul',
        { class: 'chips', 'aria-label': 'adapter features' },
        ...features.map((f) =>
          h(
            'li',
            { title: usefulFeatures.has(f) ? 'used by the kernels' : null },
            usefulFeatures.has(f) ? `★ ${f}` : f,
          ),
        ),
      ),
    ),
  );
}
