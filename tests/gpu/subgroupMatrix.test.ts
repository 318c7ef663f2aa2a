// The experimental subgroup-matrix GEMM (issue 12, item 4). No adapter here exposes Chromium's subgroup
// matrices (SwiftShader and Mesa 25's lavapipe report no configurations, with or without Dawn's unsafe-API
// toggle), so what can be checked without one is: the choice of configuration, the WGSL generated for it,
// the plan (variants, padding, bytes, FLOP, the reason it is skipped elsewhere), its verification against
// CPU-simulated outputs, and that every variant compiles on Dawn's validating null device, which with
// allow_unsafe_apis offers the feature (but no configuration: it validates, it does not run).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create, globals } from 'webgpu';
import { prepareKernel } from '../../src/gpu/prepare.ts';
import { DEVICE_PROFILES, type SubgroupMatrixConfig } from '../../src/kernels/deviceProfiles.ts';
import { f16BitsToF32, f32ToF16Bits } from '../../src/kernels/f16.ts';
import { elementAt } from '../../src/kernels/fill.ts';
import {
  chooseMatrixConfig,
  planGemmSubgroupMatrix,
  SUBGROUP_MATRIX_FEATURE,
  SUBGROUP_MATRIX_FEATURES,
} from '../../src/kernels/gemmSubgroupMatrix.ts';
import { KERNELS, unsupportedReason } from '../../src/kernels/index.ts';
import type { KernelOptions } from '../../src/kernels/options.ts';
import { planVariant } from '../../src/kernels/variants.ts';
import { specialiseSubgroupMatrix } from '../../src/kernels/wgsl.ts';
import { measuredRoofs } from '../../src/measure/document.ts';
import { sampleDocument } from '../unit/charts/sampleDocument.ts';
import { shaderSources } from './device.ts';

const APPLE: readonly SubgroupMatrixConfig[] = DEVICE_PROFILES.find(
  (p) => p.name === 'm3-max',
)!.subgroupMatrixConfigs;

const options = (shape: Record<string, number>, extra: Partial<KernelOptions> = {}): KernelOptions => ({
  dtype: 'f16',
  shape,
  seed: 17,
  shaderSources,
  features: SUBGROUP_MATRIX_FEATURES,
  subgroupMatrixConfigs: APPLE,
  subgroupMaxSize: 32,
  ...extra,
});

describe('chooseMatrixConfig', () => {
  it('takes f16 inputs, an f32 result first, the largest matrices; null without an f16 configuration', () => {
    expect(chooseMatrixConfig(APPLE)).toEqual({ M: 8, N: 8, K: 8, result: 'f32' });
    const intel = [
      { componentType: 'f16', resultComponentType: 'f16', M: 8, N: 16, K: 16 },
      { componentType: 'f16', resultComponentType: 'f32', M: 8, N: 16, K: 16 },
      { componentType: 'f16', resultComponentType: 'f32', M: 8, N: 8, K: 8 },
      { componentType: 'i8', resultComponentType: 'i32', M: 8, N: 16, K: 32 },
    ];
    expect(chooseMatrixConfig(intel)).toEqual({ M: 8, N: 16, K: 16, result: 'f32' });
    expect(chooseMatrixConfig([intel[0]!])).toEqual({ M: 8, N: 16, K: 16, result: 'f16' });
    expect(chooseMatrixConfig([intel[3]!])).toBeNull();
    expect(chooseMatrixConfig([])).toBeNull();
  });
});

describe("specialiseSubgroupMatrix (the matrix GEMM's one text generator)", () => {
  const source = shaderSources['gemm-subgroup-matrix.wgsl']!;

  it('writes the configuration into the four declarations and changes nothing else', () => {
    const text = specialiseSubgroupMatrix(source, { M: 8, N: 16, K: 16, result: 'f16' });
    expect(text).toContain('\nconst SM_M = 8u;\nconst SM_N = 16u;\nconst SM_K = 16u;\nalias Result = f16;\n');
    const strip = (t: string) => t.replace(/^(const SM_[MNK] = \d+u;|alias Result = f\d+;)$/gm, '');
    expect(strip(text)).toBe(strip(source));
    expect(specialiseSubgroupMatrix(source, { M: 8, N: 8, K: 8, result: 'f32' })).toBe(source);
  });

  it('refuses a shader without the declarations, or a shape out of range', () => {
    expect(() => specialiseSubgroupMatrix('fn main() {}', { M: 8, N: 8, K: 8, result: 'f32' })).toThrow(
      /exactly once \(found 0\)/,
    );
    expect(() => specialiseSubgroupMatrix(source, { M: 0, N: 8, K: 8, result: 'f32' })).toThrow(
      'subgroup matrix M must be an integer from 1 to 64 (got 0)',
    );
  });
});

describe('planGemmSubgroupMatrix', () => {
  it('is skipped with the reason on an adapter without the feature, and on one without an f16 configuration', () => {
    const entry = KERNELS.find((k) => k.name === 'gemm-subgroup-matrix')!;
    expect(unsupportedReason(entry, 'f16', ['shader-f16', 'subgroups'])).toBe(
      `gemm-subgroup-matrix f16 needs ${SUBGROUP_MATRIX_FEATURE}`,
    );
    expect(() => planGemmSubgroupMatrix(options({ M: 8, N: 8, K: 8 }, { features: ['shader-f16'] }))).toThrow(
      /unsupported on this device \(needs subgroups, chromium-experimental-subgroup-matrix\)/,
    );
    const intOnly = [{ componentType: 'i8', resultComponentType: 'i32', M: 8, N: 8, K: 32 }];
    expect(() =>
      planGemmSubgroupMatrix(options({ M: 8, N: 8, K: 8 }, { subgroupMatrixConfigs: intOnly })),
    ).toThrow(
      'gemm-subgroup-matrix: the adapter offers no f16 subgroup-matrix configuration (offered: i8→i32 8x8x32)',
    );
  });

  it('pads to whole 4 × 4 blocks of matrices; each variant covers them; bytes and FLOP declared once', () => {
    const plan = planGemmSubgroupMatrix(options({ M: 33, N: 47, K: 61 }));
    expect(plan.label).toBe(
      'gemm-subgroup-matrix f16 33x47x61 (experimental: 8x8x8 subgroup matrices, f32 result)',
    );
    expect(plan.variants.map((v) => [v.name, v.workgroups])).toEqual([
      ['1x1 matrices a subgroup', [8, 8, 1]],
      ['2x2 matrices a subgroup', [4, 4, 1]],
      ['4x4 matrices a subgroup', [2, 2, 1]],
    ]);
    expect(plan.variants[0]!.constants).toMatchObject({ SUBGROUP_SIZE: 32, K_DIM: 64, N_DIM: 64 });
    expect(plan.bytesPerDispatch).toBe((64 * 64 + 64 * 64) * 2 + 64 * 64 * 4);
    expect(plan.flopsPerDispatch).toBe(2 * 33 * 47 * 61);
    expect(plan.cacheResident).toBe(false);
  });

  it('verifies against the CPU reference (f32 and f16 results): the right product passes, a wrong one fails', () => {
    for (const result of ['f32', 'f16'] as const) {
      const configs = [{ componentType: 'f16', resultComponentType: result, M: 8, N: 8, K: 8 }];
      const plan = planGemmSubgroupMatrix(
        options({ M: 9, N: 10, K: 11 }, { subgroupMatrixConfigs: configs }),
      );
      // What the GPU would compute from the plan's own (f16) inputs, padded 32 × 16 by 32 × 32.
      const [Mp, Kp, Np] = [32, 16, 32];
      // the inputs the device fills (kernels/fill.ts): zero in the padding
      const a = plan.buffers[0]!.fill!;
      const b = plan.buffers[1]!.fill!;
      const product = new Float64Array(Mp * Np);
      for (let row = 0; row < Mp; row++)
        for (let k = 0; k < Kp; k++)
          for (let col = 0; col < Np; col++)
            product[row * Np + col]! += elementAt(a, row, k) * elementAt(b, k, col);
      const output =
        result === 'f32' ? Float32Array.from(product) : Uint16Array.from(product, (v) => f32ToF16Bits(v));
      expect(plan.verify(output.buffer).ok, plan.verify(output.buffer).message).toBe(true);
      output[3 * Np + 4] =
        result === 'f32' ? output[3 * Np + 4]! + 1 : f32ToF16Bits(f16BitsToF32(output[3 * Np + 4]!) + 1);
      expect(plan.verify(output.buffer).ok).toBe(false);
    }
  });
});

describe('every variant compiles on a validating device that offers subgroup matrices', () => {
  const keepAlive: unknown[] = [];
  let device: GPUDevice;
  let subgroupMaxSize = 0;
  beforeAll(async () => {
    Object.assign(globalThis, globals);
    const gpu = create(['backend=null', 'enable-dawn-features=allow_unsafe_apis']) as unknown as GPU;
    const adapter = await gpu.requestAdapter();
    if (!adapter) throw new Error("Dawn's null backend offered no adapter");
    keepAlive.push(gpu, adapter);
    subgroupMaxSize = (adapter.info as GPUAdapterInfo & { subgroupMaxSize: number }).subgroupMaxSize;
    device = await adapter.requestDevice({ requiredFeatures: SUBGROUP_MATRIX_FEATURES });
  });
  afterAll(() => device?.destroy());

  for (const result of ['f32', 'f16'] as const) {
    it(`8 × 16 × 16 f16 inputs, ${result} result`, async () => {
      const configs = [{ componentType: 'f16', resultComponentType: result, M: 8, N: 16, K: 16 }];
      const plan = planGemmSubgroupMatrix(
        options({ M: 33, N: 47, K: 61 }, { subgroupMatrixConfigs: configs, subgroupMaxSize }),
      );
      const prepared = await prepareKernel(device, plan);
      try {
        for (const v of plan.variants.slice(1)) await prepared.withVariant(planVariant(plan, v.name));
      } finally {
        prepared.destroy();
      }
    });
  }
});

describe('the matrix f16 roof', () => {
  it('comes from the verified subgroup-matrix GEMM, beside the FMA roofs, never from a failed one', () => {
    const doc = sampleDocument();
    const gemm = doc.measurements.find((m) => m.kernel === 'gemm')!;
    const matrix = {
      ...gemm,
      kernel: 'gemm-subgroup-matrix' as const,
      dtype: 'f16' as const,
      label: 'matrix',
    };
    const roofs = measuredRoofs([...doc.measurements, matrix]);
    expect(roofs.compute['matrix-f16']).toEqual({ value: matrix.flopsPerSecond, label: 'matrix' });
    expect(roofs.compute['f32']).toEqual(measuredRoofs(doc.measurements).compute['f32']);
    const failed = { ...matrix, verified: false, error: 'verification failed: element 3' };
    expect(measuredRoofs([...doc.measurements, failed]).compute['matrix-f16']).toBeUndefined();
  });
});
