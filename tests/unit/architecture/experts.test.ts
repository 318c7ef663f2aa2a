import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedUniqueExperts } from '../../../src/model/architecture/index.ts';

const routing = fc
  .integer({ min: 1, max: 512 })
  .chain((E) => fc.tuple(fc.constant(E), fc.integer({ min: 1, max: E }), fc.integer({ min: 1, max: 4096 })));

describe('expectedUniqueExperts(E, k, B) = E·(1 − (1 − k/E)^B)', () => {
  it('is the spec F26 value for Kimi at B=16: 109.8191 (the blog floors to 109)', () => {
    expect(expectedUniqueExperts(384, 8, 16)).toBeCloseTo(109.8191, 4);
    expect(expectedUniqueExperts(384, 8, 1)).toBeCloseTo(8, 12);
  });

  it('never exceeds min(E, B·k)', () => {
    fc.assert(
      fc.property(routing, ([E, k, B]) => expectedUniqueExperts(E, k, B) <= Math.min(E, B * k) * (1 + 1e-12)),
    );
  });

  it('is non-decreasing in B and tends to E', () => {
    fc.assert(
      fc.property(
        routing,
        ([E, k, B]) => expectedUniqueExperts(E, k, B + 1) >= expectedUniqueExperts(E, k, B),
      ),
    );
    expect(expectedUniqueExperts(384, 8, 5000)).toBeCloseTo(384, 6);
    expect(expectedUniqueExperts(8, 2, 64)).toBeCloseTo(8, 6);
  });

  it('is 0 for a dense model (E = 0) and E when every token takes every expert', () => {
    expect(expectedUniqueExperts(0, 0, 16)).toBe(0);
    expect(expectedUniqueExperts(8, 8, 3)).toBe(8);
  });
});
