// The only code that turns a KernelPlan (pure data) into GPU resources: pipeline with override constants,
// buffers (padded to 16 bytes; small inputs uploaded with mappedAtCreation, large ones made on the device by
// the seeded fill kernel, kernels/fill.ts), one bind group per rotation set. A rotated buffer's copies that
// hold the same data are filled on the GPU from the first (a copy of hundreds of MB takes milliseconds
// there, and as long again through the CPU and PCIe for every set otherwise).
import { dispatchGrid } from '../kernels/elements.ts';
import { FILL_WORKGROUP_SIZE, type FillSpec, fillUniform } from '../kernels/fill.ts';
import type { BufferSpec, KernelPlan } from '../kernels/types.ts';

export interface PreparedKernel {
  readonly plan: KernelPlan;
  /**
   * Records one compute pass with `count` dispatches that continue the rotation through the buffer sets
   * where the last pass left it (dispatch i uses set (start + i) mod rotateSets), so a pass never re-reads
   * the sets the previous one just left in cache; `startSet` starts elsewhere (verification reads set 0).
   * `timestampWrites` (pass-level) brackets the whole pass.
   */
  encodeDispatches(
    encoder: GPUCommandEncoder,
    count: number,
    timestampWrites?: GPUComputePassTimestampWrites,
    startSet?: number,
  ): void;
  /** Copies the output buffer of rotation set 0 (written by the first dispatch of every pass) to the CPU. */
  readOutput(): Promise<ArrayBuffer>;
  /**
   * The same buffers with the pipeline of another variant of the case (kernels/variants.ts planVariant):
   * the buffers stay this kernel's, so destroying the result frees nothing and this one must outlive it.
   */
  withVariant(plan: KernelPlan): Promise<PreparedKernel>;
  destroy(): void;
}

const STORAGE_ALIGNMENT = 16;

function bindingType(spec: BufferSpec): GPUBufferBindingType {
  if (spec.role === 'uniform') return 'uniform';
  return spec.role === 'read-only-storage' ? 'read-only-storage' : 'storage';
}

function createBuffer(
  device: GPUDevice,
  spec: BufferSpec,
  data: ArrayBufferView | undefined,
  label: string,
): GPUBuffer {
  const size = Math.max(
    STORAGE_ALIGNMENT,
    Math.ceil(spec.byteLength / STORAGE_ALIGNMENT) * STORAGE_ALIGNMENT,
  );
  const usage =
    (spec.role === 'uniform' ? GPUBufferUsage.UNIFORM : GPUBufferUsage.STORAGE) |
    GPUBufferUsage.COPY_SRC |
    GPUBufferUsage.COPY_DST;
  const buffer = device.createBuffer({ label, size, usage, mappedAtCreation: data !== undefined });
  if (data) {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (bytes.byteLength > size) {
      buffer.destroy();
      throw new Error(`${label}: data (${bytes.byteLength} bytes) exceeds its declared size`);
    }
    new Uint8Array(buffer.getMappedRange()).set(bytes);
    buffer.unmap();
  }
  return buffer;
}

interface FillPipeline {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
}

/** One fill pipeline per device and shader text: its parameters travel in a uniform, so it compiles once. */
const fillPipelines = new WeakMap<GPUDevice, Map<string, Promise<FillPipeline>>>();

function fillPipeline(device: GPUDevice, source: string): Promise<FillPipeline> {
  let forDevice = fillPipelines.get(device);
  if (!forDevice) {
    forDevice = new Map();
    fillPipelines.set(device, forDevice);
  }
  let pending = forDevice.get(source);
  if (!pending) {
    const layout = device.createBindGroupLayout({
      label: 'seeded fill',
      entries: [
        { binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } },
        { binding: 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } },
      ],
    });
    const module = device.createShaderModule({ label: 'seeded fill', code: source });
    pending = device
      .createComputePipelineAsync({
        label: 'seeded fill',
        layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
        compute: { module, entryPoint: 'main' },
      })
      .then((pipeline) => ({ pipeline, layout }));
    // a failed compile is not cached: the next case reports its own error
    pending.catch(() => forDevice.delete(source));
    forDevice.set(source, pending);
  }
  return pending;
}

/** Records the seeded fill of `target` into `encoder`; its uniform goes into `transient` (freed after submit). */
function encodeFill(
  device: GPUDevice,
  encoder: GPUCommandEncoder,
  target: GPUBuffer,
  spec: FillSpec,
  fill: FillPipeline,
  transient: GPUBuffer[],
  timestampWrites?: GPUComputePassTimestampWrites,
): void {
  const params = device.createBuffer({
    label: 'seeded fill parameters',
    size: 32,
    usage: GPUBufferUsage.UNIFORM,
    mappedAtCreation: true,
  });
  new Uint32Array(params.getMappedRange()).set(fillUniform(spec));
  params.unmap();
  transient.push(params);
  const bindGroup = device.createBindGroup({
    layout: fill.layout,
    entries: [
      { binding: 0, resource: { buffer: target } },
      { binding: 1, resource: { buffer: params } },
    ],
  });
  const pass = encoder.beginComputePass(timestampWrites ? { timestampWrites } : {});
  pass.setPipeline(fill.pipeline);
  pass.setBindGroup(0, bindGroup);
  const [x, y, z] = dispatchGrid(
    Math.ceil(spec.words / FILL_WORKGROUP_SIZE),
    device.limits.maxComputeWorkgroupsPerDimension,
  );
  pass.dispatchWorkgroups(x, y, z);
  pass.end();
}

/**
 * The copies of one buffer spec: one, or `sets` when it rotates. Copies with their own data (setData) are
 * uploaded; a filled spec's first copy is made by the fill kernel; the others that hold the same contents
 * are copied from the first on the GPU (all recorded into `encoder`, in that order).
 */
function createCopies(
  device: GPUDevice,
  spec: BufferSpec,
  sets: number,
  label: string,
  encoder: GPUCommandEncoder,
  fill: FillPipeline | null,
  transient: GPUBuffer[],
): GPUBuffer[] {
  const count = spec.rotate ? sets : 1;
  const copies: GPUBuffer[] = [];
  try {
    for (let set = 0; set < count; set++) {
      const own = spec.setData?.(set);
      const name = `${label} ${spec.name}#${set}`;
      if (set === 0 && spec.fill && fill) {
        const first = createBuffer(device, spec, undefined, name);
        copies.push(first);
        encodeFill(device, encoder, first, spec.fill, fill, transient);
      } else if (own !== undefined || set === 0)
        copies.push(createBuffer(device, spec, own ?? spec.data, name));
      else {
        const copy = createBuffer(device, spec, undefined, name);
        copies.push(copy);
        if (spec.data !== undefined || spec.fill !== undefined)
          encoder.copyBufferToBuffer(copies[0]!, 0, copy, 0, copy.size);
      }
    }
  } catch (error) {
    for (const buffer of copies) buffer.destroy();
    throw error;
  }
  return copies;
}

/** Dawn's messages span lines (" - While validating …"); errors here are reported on one line. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

async function compilationErrors(module: GPUShaderModule): Promise<string[]> {
  const info = await module.getCompilationInfo();
  return info.messages
    .filter((m) => m.type === 'error')
    .map((m) => `line ${m.lineNum}:${m.linePos} ${m.message}`);
}

/** The pipelines of one variant: its dispatch, and its reducing second dispatch where it has one. */
interface Pipelines {
  readonly pipeline: GPUComputePipeline;
  readonly reduce: GPUComputePipeline | null;
  readonly module: GPUShaderModule;
}

/** The compute pipelines for `plan` on `layout`; throws an Error carrying the WGSL compiler's messages. */
async function createPipeline(
  device: GPUDevice,
  layout: GPUBindGroupLayout,
  plan: KernelPlan,
): Promise<Pipelines> {
  const module = device.createShaderModule({ label: plan.label, code: plan.shaderSource });
  try {
    const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [layout] });
    const [pipeline, reduce] = await Promise.all([
      device.createComputePipelineAsync({
        label: `${plan.label} (${plan.variant})`,
        layout: pipelineLayout,
        compute: { module, entryPoint: plan.entryPoint, constants: { ...plan.constants } },
      }),
      plan.reduce
        ? device.createComputePipelineAsync({
            label: `${plan.label} (${plan.variant}) reduce`,
            layout: pipelineLayout,
            compute: { module, entryPoint: plan.reduce.entryPoint, constants: { ...plan.reduce.constants } },
          })
        : null,
    ]);
    return { pipeline, reduce, module };
  } catch (error) {
    const messages = await compilationErrors(module);
    const reason = messages.length > 0 ? messages.join('; ') : (error as Error).message;
    throw new Error(oneLine(`${plan.label}: pipeline creation failed: ${reason}`));
  }
}

interface Resources {
  readonly device: GPUDevice;
  readonly layout: GPUBindGroupLayout;
  readonly bindGroups: readonly GPUBindGroup[];
  readonly output: GPUBuffer;
  readonly outputBytes: number;
  /** The set the next pass starts at: shared by every variant on these buffers. */
  readonly rotation: { next: number };
}

function preparedWith(
  resources: Resources,
  plan: KernelPlan,
  pipelines: Pipelines,
  destroy: () => void,
): PreparedKernel {
  const { device, bindGroups, output, outputBytes } = resources;
  const { pipeline, reduce } = pipelines;
  const [x, y, z] = plan.workgroups;
  const [rx, ry, rz] = plan.reduce?.workgroups ?? [0, 0, 0];
  const sets = bindGroups.length;
  return {
    plan,
    encodeDispatches(encoder, count, timestampWrites, startSet) {
      const start = (startSet ?? resources.rotation.next) % sets;
      const pass = encoder.beginComputePass(timestampWrites ? { timestampWrites } : {});
      pass.setPipeline(pipeline);
      for (let i = 0; i < count; i++) {
        pass.setBindGroup(0, bindGroups[(start + i) % sets]!);
        pass.dispatchWorkgroups(x, y, z);
        if (reduce) {
          pass.setPipeline(reduce);
          pass.dispatchWorkgroups(rx, ry, rz);
          pass.setPipeline(pipeline);
        }
      }
      pass.end();
      resources.rotation.next = (start + count) % sets;
    },
    async readOutput() {
      const staging = device.createBuffer({
        label: `${plan.label} readback`,
        size: output.size,
        usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
      });
      try {
        const encoder = device.createCommandEncoder();
        encoder.copyBufferToBuffer(output, 0, staging, 0, output.size);
        device.queue.submit([encoder.finish()]);
        await staging.mapAsync(GPUMapMode.READ);
        return staging.getMappedRange(0, output.size).slice(0, outputBytes);
      } finally {
        staging.destroy();
      }
    },
    async withVariant(variantPlan) {
      device.pushErrorScope('validation');
      const created = await createPipeline(device, resources.layout, variantPlan).catch(
        (error: unknown) => error,
      );
      const failure = await device.popErrorScope();
      if (created instanceof Error) throw created;
      if (failure) throw new Error(oneLine(`${variantPlan.label}: ${failure.message}`));
      return preparedWith(resources, variantPlan, created as Pipelines, () => {});
    },
    destroy,
  };
}

/**
 * How fast this device makes seeded inputs: one fill of `spec` into a scratch buffer, timed by `time` (the
 * session's pass timer). Bytes per second, or null when the timer gave nothing.
 */
export async function fillBytesPerSecond(
  device: GPUDevice,
  spec: FillSpec,
  time: (
    encode: (encoder: GPUCommandEncoder, writes?: GPUComputePassTimestampWrites) => void,
  ) => Promise<bigint | null>,
): Promise<number | null> {
  const fill = await fillPipeline(device, spec.shaderSource);
  const target = device.createBuffer({
    label: 'fill probe',
    size: spec.words * 4,
    usage: GPUBufferUsage.STORAGE,
  });
  const transient: GPUBuffer[] = [];
  try {
    // the first fill compiles and warms up; the second is timed
    await time((encoder, writes) => encodeFill(device, encoder, target, spec, fill, transient, writes));
    const ns = await time((encoder, writes) =>
      encodeFill(device, encoder, target, spec, fill, transient, writes),
    );
    return ns !== null && ns > 0n ? (spec.words * 4) / (Number(ns) / 1e9) : null;
  } finally {
    target.destroy();
    for (const buffer of transient) buffer.destroy();
  }
}

/** Creates everything a plan needs; throws an Error carrying the WGSL compiler's messages on failure. */
export async function prepareKernel(device: GPUDevice, plan: KernelPlan): Promise<PreparedKernel> {
  const missing = plan.requiredFeatures.filter((f) => !device.features.has(f));
  if (missing.length > 0) throw new Error(`${plan.label}: device lacks feature(s) ${missing.join(', ')}`);
  if (plan.outputBuffer < 0 || plan.outputBuffer >= plan.buffers.length) {
    throw new Error(`${plan.label}: outputBuffer ${plan.outputBuffer} is not a buffer index`);
  }
  const sets = Math.max(1, Math.floor(plan.rotateSets));

  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  const layout = device.createBindGroupLayout({
    label: plan.label,
    entries: plan.buffers.map((spec, binding) => ({
      binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer: { type: bindingType(spec) },
    })),
  });
  const copies: GPUBuffer[][] = [];
  const destroy = () => {
    for (const list of copies) for (const buffer of list) buffer.destroy();
  };

  let created: Pipelines;
  try {
    created = await createPipeline(device, layout, plan);
  } catch (error) {
    await device.popErrorScope();
    await device.popErrorScope();
    throw error;
  }

  const transient: GPUBuffer[] = [];
  try {
    const fillSource = plan.buffers.find((b) => b.fill)?.fill?.shaderSource;
    const fill = fillSource === undefined ? null : await fillPipeline(device, fillSource);
    const encoder = device.createCommandEncoder();
    for (const spec of plan.buffers)
      copies.push(createCopies(device, spec, sets, plan.label, encoder, fill, transient));
    device.queue.submit([encoder.finish()]);
  } catch (error) {
    destroy();
    await device.popErrorScope();
    await device.popErrorScope();
    throw error;
  } finally {
    // freed once the submitted fills have run (WebGPU keeps a destroyed buffer until its work is done)
    for (const buffer of transient) buffer.destroy();
  }
  const bindGroups = Array.from({ length: sets }, (_, set) =>
    device.createBindGroup({
      label: `${plan.label} set ${set}`,
      layout,
      entries: copies.map((list, binding) => ({ binding, resource: { buffer: list[set % list.length]! } })),
    }),
  );

  const validation = await device.popErrorScope();
  const outOfMemory = await device.popErrorScope();
  const failure = validation ?? outOfMemory;
  if (failure) {
    destroy();
    const messages = await compilationErrors(created.module);
    const detail = messages.length > 0 ? ` (${messages.join('; ')})` : '';
    throw new Error(oneLine(`${plan.label}: ${failure.message}${detail}`));
  }

  const resources: Resources = {
    device,
    layout,
    bindGroups,
    output: copies[plan.outputBuffer]![0]!,
    outputBytes: plan.buffers[plan.outputBuffer]!.byteLength,
    rotation: { next: 0 },
  };
  return preparedWith(resources, plan, created, destroy);
}
