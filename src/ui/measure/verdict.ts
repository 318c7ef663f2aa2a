// The landing's one-line verdict on the visitor's device: its adapter's name and what it is (a GPU, a CPU
// fallback, or no WebGPU at all) and, when WebGPU exists but offers no adapter (the usual case for Chrome
// on Linux), what to try. `deviceVerdict` is pure; `renderVerdict` draws it (tests/browser/landing.test.ts).
import { fill, h } from '../dom.ts';
import type { AdapterProbe } from './adapterProbe.ts';

export type VerdictKind = 'probing' | 'gpu' | 'fallback' | 'no-webgpu' | 'no-adapter';

export interface DeviceVerdict {
  readonly kind: VerdictKind;
  /** the adapter's name, when there is one */
  readonly name: string | null;
  /** one sentence */
  readonly text: string;
  /** what to try, one item each (no adapter, no WebGPU) */
  readonly remedies: readonly string[];
}

/** "NVIDIA GeForce RTX 4090 (nvidia, ada)": the description, else vendor and architecture. */
export function adapterDisplayName(probe: Extract<AdapterProbe, { kind: 'ok' }>): string {
  const parts = [probe.vendor, probe.architecture].filter((p) => p.trim() !== '');
  const main = probe.description.trim() || probe.device.trim() || parts.join(' ') || 'an unnamed adapter';
  return main === parts.join(' ') || parts.length === 0 ? main : `${main} (${parts.join(', ')})`;
}

export function deviceVerdict(probe: AdapterProbe | null): DeviceVerdict {
  if (probe === null)
    return { kind: 'probing', name: null, text: 'Asking the browser for a WebGPU adapter…', remedies: [] };
  if (probe.kind === 'no-webgpu') {
    return {
      kind: 'no-webgpu',
      name: null,
      text: 'WebGPU is not available in this browser, so nothing can be measured here; the B200 roofline, imported results and the projection below still work.',
      remedies: [
        'a recent Chrome or Edge (113 or later), Safari 26, or Firefox 141 or later',
        'from a terminal: npx ridgeline bench measures the same kernels through Dawn',
      ],
    };
  }
  if (probe.kind === 'no-adapter') {
    return {
      kind: 'no-adapter',
      name: null,
      text: `WebGPU is present but no adapter is available (${probe.message}), so nothing can be measured here yet.`,
      remedies: [
        'open chrome://gpu (edge://gpu) and read the WebGPU line: a blocklisted driver is the usual reason',
        'on Linux, start Chrome with --enable-unsafe-webgpu --enable-features=Vulkan (or enable chrome://flags/#enable-unsafe-webgpu)',
        'or measure from a terminal: npx ridgeline bench (Dawn, your GPU or --swiftshader)',
      ],
    };
  }
  const name = adapterDisplayName(probe);
  if (probe.fallback) {
    return {
      kind: 'fallback',
      name,
      text: `Your device: ${name}, a CPU fallback — WebGPU runs on your CPU here, so its points describe the CPU running a GPU emulator, not a GPU.`,
      remedies: [],
    };
  }
  return {
    kind: 'gpu',
    name,
    text: `Your device: ${name}, a GPU — run the kernels to put it on the roofline beside the B200.`,
    remedies: [],
  };
}

const noticeOf: Readonly<Partial<Record<VerdictKind, string>>> = {
  fallback: 'fallback-adapter',
  'no-webgpu': 'no-webgpu',
  'no-adapter': 'no-adapter',
};

export function renderVerdict(element: HTMLElement, probe: AdapterProbe | null): void {
  const verdict = deviceVerdict(probe);
  element.className = `verdict verdict-${verdict.kind}`;
  element.dataset['verdict'] = verdict.kind;
  fill(
    element,
    h('p', { class: 'verdict-line', 'data-notice': noticeOf[verdict.kind] ?? null }, verdict.text),
    verdict.remedies.length
      ? h(
          'ul',
          { class: 'remedies', 'aria-label': 'what to try' },
          ...verdict.remedies.map((remedy) => h('li', {}, remedy)),
        )
      : null,
  );
}
