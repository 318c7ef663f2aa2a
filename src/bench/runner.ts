// The one suite runner, for the browser worker and the Node CLI alike: it gets a GPU object and shader
// sources from its caller and imports nothing from Node or the DOM (the page calls it from a Web Worker
// with navigator.gpu, the CLI with Dawn's GPU). The measuring itself is runPlans.ts.
import { openGpuSession } from '../gpu/openGpuSession.ts';
import { traitsForAdapter } from '../kernels/deviceProfiles.ts';
import type { ShaderSources } from '../kernels/wgsl.ts';
import type { AdapterRecord, MeasurementDocument } from '../measure/document.ts';
import { PROFILES } from '../measure/profile.ts';
import type { Clock } from '../measure/time.ts';
import { type RunPlansOptions, runPlans } from './runPlans.ts';
import { checkKernelNames, planSuite, shrinkPlan } from './suite.ts';

export type { CaseProgress, SuiteProgress } from './runPlans.ts';

export interface RunSuiteOptions extends RunPlansOptions {
  /** Kernel names to run (default: all in the profile). */
  readonly kernels?: readonly string[];
  /** WGSL file texts: gpu/shaders.node.ts in Node, bench/shaders.vite.ts in the browser. */
  readonly shaderSources: ShaderSources;
  /** Once the device is open, before the first case: which adapter the run measures. */
  readonly onAdapter?: (adapter: AdapterRecord) => void;
}

const performanceClock: Clock = { now: () => performance.now() / 1000 };

export async function runSuite(gpu: GPU, options: RunSuiteOptions): Promise<MeasurementDocument> {
  checkKernelNames(options.kernels);
  const session = await openGpuSession(gpu);
  try {
    options.onAdapter?.(session.adapter);
    // A GPU whose name matches a device profile gets its cache and compute units; any other the defaults.
    const device = traitsForAdapter(session.adapter);
    const request = {
      profile: options.profile,
      kernels: options.kernels,
      shaderSources: options.shaderSources,
      features: session.features,
      limits: session.limits,
      device,
      subgroupMatrixConfigs: session.subgroupMatrixConfigs,
      subgroupMaxSize: session.subgroupMaxSize,
    };
    const suite = planSuite(request);
    return await runPlans(
      session,
      suite.plans,
      {
        ...options,
        skipped: suite.skipped,
        llcBytes: device.llcBytes,
        tune: options.tune ?? (PROFILES[options.profile].tune && !session.adapter.isFallbackAdapter),
        shrink: (plan, factor) => shrinkPlan(request, plan, factor),
      },
      performanceClock,
    );
  } finally {
    session.destroy();
  }
}
