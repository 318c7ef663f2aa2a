// The only code that turns a KernelPlan (pure data) into GPU resources: pipeline with override constants,
// buffers (padded to 16 bytes, uploaded with mappedAtCreation), one bind group per rotation set. A rotated
// buffer's copies that hold the same data are filled on the GPU from the first (a copy of hundreds of MB
// takes milliseconds there, and as long again through the CPU and PCIe for every set otherwise).
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

/**
 * The copies of one buffer spec: one, or `sets` when it rotates. Copies with their own data (setData) are
 * uploaded; the others that hold `data` are copied from the first on the GPU (recorded into `encoder`).
 */
function createCopies(
  device: GPUDevice,
  spec: BufferSpec,
  sets: number,
  label: string,
  encoder: GPUCommandEncoder,
): GPUBuffer[] {
  const count = spec.rotate ? sets : 1;
  const copies: GPUBuffer[] = [];
  try {
    for (let set = 0; set < count; set++) {
      const own = spec.setData?.(set);
      const name = `${label} ${spec.name}#${set}`;
      if (own !== undefined || set === 0) copies.push(createBuffer(device, spec, own ?? spec.data, name));
      else {
        const copy = createBuffer(device, spec, undefined, name);
        copies.push(copy);
        if (spec.data !== undefined) encoder.copyBufferToBuffer(copies[0]!, 0, copy, 0, copy.size);
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

/** A compute pipeline for `plan` on `layout`; throws an Error carrying the WGSL compiler's messages. */
async function createPipeline(
  device: GPUDevice,
  layout: GPUBindGroupLayout,
  plan: KernelPlan,
): Promise<{ pipeline: GPUComputePipeline; module: GPUShaderModule }> {
  const module = device.createShaderModule({ label: plan.label, code: plan.shaderSource });
  try {
    const pipeline = await device.createComputePipelineAsync({
      label: `${plan.label} (${plan.variant})`,
      layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      compute: { module, entryPoint: plan.entryPoint, constants: { ...plan.constants } },
    });
    return { pipeline, module };
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
  pipeline: GPUComputePipeline,
  destroy: () => void,
): PreparedKernel {
  const { device, bindGroups, output, outputBytes } = resources;
  const [x, y, z] = plan.workgroups;
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
      const { pipeline } = created as { pipeline: GPUComputePipeline };
      return preparedWith(resources, variantPlan, pipeline, () => {});
    },
    destroy,
  };
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

  let created: { pipeline: GPUComputePipeline; module: GPUShaderModule };
  try {
    created = await createPipeline(device, layout, plan);
  } catch (error) {
    await device.popErrorScope();
    await device.popErrorScope();
    throw error;
  }

  try {
    const encoder = device.createCommandEncoder();
    for (const spec of plan.buffers) copies.push(createCopies(device, spec, sets, plan.label, encoder));
    device.queue.submit([encoder.finish()]);
  } catch (error) {
    destroy();
    await device.popErrorScope();
    await device.popErrorScope();
    throw error;
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
  return preparedWith(resources, plan, created.pipeline, destroy);
}
