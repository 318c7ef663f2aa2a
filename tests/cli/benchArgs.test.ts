import { describe, expect, it } from 'vitest';
import { benchUsage, parseBenchArgs, parseBudget } from '../../src/cli/benchArgs.ts';
import { UsageError } from '../../src/cli/usage.ts';

const known = ['stream-read', 'stream-copy', 'gemm'];

describe('ridgeline bench flags', () => {
  it('defaults: full profile, every kernel, default budget, Dawn default backend', () => {
    expect(parseBenchArgs([], known)).toEqual({
      help: false,
      profile: 'full',
      kernels: undefined,
      budgetSeconds: undefined,
      jsonPath: undefined,
      backend: 'default',
      cpuAdapter: null,
      verbose: false,
      plan: false,
      deviceProfile: undefined,
    });
  });

  it('--plan [--profile quick|full] [--device-profile NAME] --json: `--json` alone means stdout', () => {
    expect(
      parseBenchArgs(['--plan', '--profile', 'quick', '--device-profile', 'b200', '--json'], known),
    ).toMatchObject({
      plan: true,
      profile: 'quick',
      deviceProfile: 'b200',
      jsonPath: '-',
    });
    expect(parseBenchArgs(['--json', '--plan'], known).jsonPath).toBe('-');
    expect(parseBenchArgs(['--plan', '--json', 'plan.json'], known).jsonPath).toBe('plan.json');
    expect(parseBenchArgs(['--profile=full'], known).profile).toBe('full');
    expect(parseBenchArgs(['--profile', 'talk'], known).profile).toBe('talk');
    expect(() => parseBenchArgs(['--device-profile', 'h100-sxm'], known)).toThrow(
      '--device-profile plans for a published device: use it with --plan',
    );
    expect(() => parseBenchArgs(['--plan', '--device-profile', 'a100'], known)).toThrow(
      "--device-profile: unknown device 'a100' (known: h100-sxm, h200, b200, mi300x, rtx-4090, m3-max)",
    );
    expect(() => parseBenchArgs(['--profile', 'huge'], known)).toThrow(
      "--profile: expected quick, full, talk, got 'huge'",
    );
    // Outside --plan, --json still needs its file.
    expect(() => parseBenchArgs(['--json'], known)).toThrow('--json needs a value');
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    const args = parseBenchArgs(
      [
        '--quick',
        '--kernels',
        'gemm, stream-read',
        '--budget=500ms',
        '--json',
        'o.json',
        '--backend=vulkan',
        '--swiftshader',
      ],
      known,
    );
    expect(args).toMatchObject({
      profile: 'quick',
      kernels: ['gemm', 'stream-read'],
      budgetSeconds: 0.5,
      jsonPath: 'o.json',
      backend: 'vulkan',
      cpuAdapter: 'swiftshader',
    });
  });

  it("--lavapipe picks Mesa's CPU adapter; repeating a CPU adapter flag is harmless", () => {
    expect(parseBenchArgs(['--lavapipe'], known).cpuAdapter).toBe('lavapipe');
    expect(parseBenchArgs(['--lavapipe', '--lavapipe'], known).cpuAdapter).toBe('lavapipe');
  });

  it('parseBudget accepts 20s, 20, 1.5s and 500ms; refuses anything else', () => {
    expect([parseBudget('20s'), parseBudget('20'), parseBudget('1.5s'), parseBudget('500ms')]).toEqual([
      20, 20, 1.5, 0.5,
    ]);
    for (const bad of ['0s', '-1', 'soon', '2h', '4000s', ''])
      expect(() => parseBudget(bad)).toThrow(UsageError);
  });

  it('refuses unknown kernels and options with UsageError naming the fix', () => {
    expect(() => parseBenchArgs(['--kernels', 'gemm,saxpy'], known)).toThrow(
      "--kernels: unknown kernel 'saxpy' (known: stream-read, stream-copy, gemm)",
    );
    expect(() => parseBenchArgs(['--kernels', ','], known)).toThrow(UsageError);
    expect(() => parseBenchArgs(['--fast'], known)).toThrow("bench: unknown option '--fast'");
    expect(() => parseBenchArgs(['--budget'], known)).toThrow('--budget needs a value');
    expect(() => parseBenchArgs(['--backend', 'd3d12'], known)).toThrow(
      "--backend: expected vulkan or opengl, got 'd3d12'",
    );
    expect(() => parseBenchArgs(['--swiftshader', '--lavapipe'], known)).toThrow(
      '--swiftshader and --lavapipe: choose one CPU adapter',
    );
  });

  it('refuses flags that contradict each other instead of taking the last (issue 21)', () => {
    expect(() => parseBenchArgs(['--quick', '--profile', 'full'], known)).toThrow(
      '--quick and --profile both choose the profile: give one of them',
    );
    expect(() => parseBenchArgs(['--profile', 'full', '--quick'], known)).toThrow(
      '--profile and --quick both choose the profile: give one of them',
    );
    expect(() => parseBenchArgs(['--budget', '5s', '--budget', '20s'], known)).toThrow(
      "--budget given twice ('5s', then '20s'): give it once",
    );
    // the same thing said twice is no contradiction
    expect(parseBenchArgs(['--quick', '--quick', '--budget', '5s', '--budget', '5s'], known).profile).toBe(
      'quick',
    );
  });

  it('the usage text lists every flag and the known kernels', () => {
    const usage = benchUsage(known);
    for (const flag of [
      '--quick',
      '--kernels',
      '--budget',
      '--json',
      '--backend',
      '--swiftshader',
      '--lavapipe',
      '--plan',
      '--profile',
      '--device-profile',
      '--help',
    ]) {
      expect(usage).toContain(flag);
    }
    expect(usage).toContain('stream-read, stream-copy, gemm');
  });
});
