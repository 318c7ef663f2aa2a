// The only code that turns a KernelPlan (pure data) into GPU resources: pipeline with override constants,
// buffers (padded to 16 bytes, uploaded with mappedAtCreation), one bind group per rotation set.
import type { BufferSpec, KernelPlan } from '../kernels/types.ts';

export interface PreparedKernel {
  readonly plan: KernelPlan;
  /**
   * Records one compute pass with `count` dispatches; dispatch i uses rotation set i mod rotateSets.
   * `timestampWrites` (pass-level) brackets the whole pass.
   */
  encodeDispatches(
    encoder: GPUCommandEncoder,
    count: number,
    timestampWrites?: GPUComputePassTimestampWrites,
  ): void;
  /** Copies the output buffer of rotation set 0 (written by the first dispatch of every pass) to the CPU. */
  readOutput(): Promise<ArrayBuffer>;
  destroy(): void;
}

const STORAGE_ALIGNMENT = 16;

function bindingType(spec: BufferSpec): GPUBufferBindingType {
  if (spec.role === 'uniform') return 'uniform';
  return spec.role === 'read-only-storage' ? 'read-only-storage' : 'storage';
}

function createBuffer(device: GPUDevice, spec: BufferSpec, label: string): GPUBuffer {
  const size = Math.max(
    STORAGE_ALIGNMENT,
    Math.ceil(spec.byteLength / STORAGE_ALIGNMENT) * STORAGE_ALIGNMENT,
  );
  const usage =
    (spec.role === 'uniform' ? GPUBufferUsage.UNIFORM : GPUBufferUsage.STORAGE) |
    GPUBufferUsage.COPY_SRC |
    GPUBufferUsage.COPY_DST;
  const buffer = device.createBuffer({ label, size, usage, mappedAtCreation: spec.data !== undefined });
  if (spec.data) {
    const bytes = new Uint8Array(spec.data.buffer, spec.data.byteOffset, spec.data.byteLength);
    if (bytes.byteLength > size) {
      buffer.destroy();
      throw new Error(`${label}: data (${bytes.byteLength} bytes) exceeds its declared size`);
    }
    new Uint8Array(buffer.getMappedRange()).set(bytes);
    buffer.unmap();
  }
  return buffer;
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
  const module = device.createShaderModule({ label: plan.label, code: plan.shaderSource });
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

  let pipeline: GPUComputePipeline;
  try {
    pipeline = await device.createComputePipelineAsync({
      label: plan.label,
      layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      compute: { module, entryPoint: plan.entryPoint, constants: { ...plan.constants } },
    });
  } catch (error) {
    await device.popErrorScope();
    await device.popErrorScope();
    const messages = await compilationErrors(module);
    const reason = messages.length > 0 ? messages.join('; ') : (error as Error).message;
    throw new Error(oneLine(`${plan.label}: pipeline creation failed: ${reason}`));
  }

  for (const spec of plan.buffers) {
    const count = spec.rotate ? sets : 1;
    copies.push(
      Array.from({ length: count }, (_, copy) =>
        createBuffer(device, spec, `${plan.label} ${spec.name}#${copy}`),
      ),
    );
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
    const messages = await compilationErrors(module);
    const detail = messages.length > 0 ? ` (${messages.join('; ')})` : '';
    throw new Error(oneLine(`${plan.label}: ${failure.message}${detail}`));
  }

  const output = copies[plan.outputBuffer]![0]!;
  const outputBytes = plan.buffers[plan.outputBuffer]!.byteLength;
  const [x, y, z] = plan.workgroups;

  return {
    plan,
    encodeDispatches(encoder, count, timestampWrites) {
      const pass = encoder.beginComputePass(timestampWrites ? { timestampWrites } : {});
      pass.setPipeline(pipeline);
      for (let i = 0; i < count; i++) {
        pass.setBindGroup(0, bindGroups[i % sets]!);
        pass.dispatchWorkgroups(x, y, z);
      }
      pass.end();
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
    destroy,
  };
}
