// TEST HOOK: fault injection for the measurement page's browser tests (tests/browser/measureFaults.test.ts).
// The page reads `?fault=device-loss` or `?fault=worker-crash` from its URL (mountMeasure.ts) and passes it
// to the bench worker, which applies it once the first case has finished (its snapshot delivered):
//   device-loss   destroys the GPUDevice under the runner, which ends the run as 'device-lost';
//   worker-crash  throws an uncaught error in the worker, as a crashed worker would look to the page;
//   worker-silent closes the worker from inside (self.close()): it dies with no error event at all, and
//                 only its lifeline (lifeline.ts) tells the page;
//   wrong-result  (applied from the start) turns the first value read back for verification into NaN, so
//                 the first case fails its CPU-reference check and the run goes on.
// Without the parameter nothing here runs: the worker uses navigator.gpu as it is.
import { withDeviceHook } from '../gpu/deviceHook.ts';
import { clipForMessage } from '../model/text/plainText.ts';

export const FAULTS = ['device-loss', 'worker-crash', 'worker-silent', 'wrong-result'] as const;
export type BenchFault = (typeof FAULTS)[number];
/** The URL parameter (the explorer's URL parser knows it belongs to the page, not to a scenario). */
export const FAULT_PARAM = 'fault';

/** The fault a page URL asks for: null without the parameter, an Error naming an unknown one. */
export function faultFromSearch(search: string): BenchFault | Error | null {
  const value = new URLSearchParams(search).get(FAULT_PARAM);
  if (value === null) return null;
  return (FAULTS as readonly string[]).includes(value)
    ? (value as BenchFault)
    : new Error(`unknown ${FAULT_PARAM} “${clipForMessage(value)}” (known: ${FAULTS.join(', ')})`);
}

export interface FaultInjection {
  /** The GPU the runner should use (hooked for device-loss). */
  readonly gpu: GPU;
  /** Called after each finished case, with what delivering its snapshot to the page returned. */
  afterCase(delivered: unknown): void;
}

export const WORKER_CRASH_MESSAGE = 'injected worker crash (test hook fault=worker-crash)';

export function injectFault(gpu: GPU, fault: BenchFault | null | undefined): FaultInjection {
  let fired = false;
  if (fault === 'device-loss') {
    let device: GPUDevice | null = null;
    return {
      gpu: withDeviceHook(gpu, (opened) => {
        device = opened;
        return undefined;
      }),
      afterCase() {
        if (fired) return;
        fired = true;
        (device as GPUDevice | null)?.destroy();
      },
    };
  }
  if (fault === 'worker-crash') {
    return {
      gpu,
      afterCase(delivered) {
        if (fired) return;
        fired = true;
        // After the page has the snapshot (a comlink call resolves once the page's callback returned), so
        // the crash cannot overtake it; thrown from a timer, so nothing in the worker can catch it.
        const crash = () =>
          setTimeout(() => {
            throw new Error(WORKER_CRASH_MESSAGE);
          }, 0);
        void Promise.resolve(delivered).then(crash, crash);
      },
    };
  }
  if (fault === 'worker-silent') {
    return {
      gpu,
      afterCase(delivered) {
        if (fired) return;
        fired = true;
        // after the page has the snapshot, as for worker-crash; close() ends the worker without an event
        const close = () => (globalThis as unknown as { close?: () => void }).close?.();
        void Promise.resolve(delivered).then(close, close);
      },
    };
  }
  if (fault === 'wrong-result') {
    return {
      gpu: withDeviceHook(gpu, (device) => {
        // The device stays the native object (the runner passes it to WebGPU calls that check it); only
        // its createBuffer is replaced on this instance, and only the first verification readback changes.
        const createBuffer = device.createBuffer.bind(device);
        device.createBuffer = (descriptor: GPUBufferDescriptor): GPUBuffer => {
          const buffer = createBuffer(descriptor);
          if (fired || !descriptor.label?.endsWith(' readback')) return buffer;
          const getMappedRange = buffer.getMappedRange.bind(buffer);
          buffer.getMappedRange = (offset?: number, size?: number): ArrayBuffer => {
            const range = getMappedRange(offset, size);
            if (!fired && range.byteLength >= 4) {
              fired = true;
              new Float32Array(range, 0, 1)[0] = Number.NaN;
            }
            return range;
          };
          return buffer;
        };
        return undefined;
      }),
      afterCase() {},
    };
  }
  return { gpu, afterCase() {} };
}
