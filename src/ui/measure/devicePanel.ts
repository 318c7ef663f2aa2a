// The device's details, collapsed under the landing (the verdict line above the chart says what the device
// is): vendor, architecture, the limits that bound the kernels' shapes, and every feature. A long value
// wraps inside its cell, so the table reflows on a phone.
import { grouped, si } from '../../model/units/format.ts';
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
  return /Size$/.test(name) && value >= 1024 ? `${si(value, 'B')} (${grouped(value)})` : grouped(value);
}

/** `panel` is a <details>; its summary always says what is inside. */
export function renderDevicePanel(panel: HTMLElement, probe: AdapterProbe | null): void {
  const summary = (text: string) => h('summary', {}, text);
  if (probe === null) {
    fill(panel, summary('Device details'), h('p', { class: 'muted' }, 'Asking for a WebGPU adapter…'));
    return;
  }
  if (probe.kind !== 'ok') {
    fill(
      panel,
      summary('Device details'),
      h('p', { class: 'muted' }, 'No WebGPU adapter: nothing to list (the line above says why).'),
    );
    return;
  }
  const features = [...probe.features].sort(
    (a, b) => Number(usefulFeatures.has(b)) - Number(usefulFeatures.has(a)),
  );
  const used = features.filter((f) => usefulFeatures.has(f));
  fill(
    panel,
    summary(`Device details: ${features.length} features and the limits the kernels fit`),
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
  );
}
