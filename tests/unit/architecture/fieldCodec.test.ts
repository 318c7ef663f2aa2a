// An architecture as named text fields (a share link's arch.*) and back: every preset round-trips
// exactly; a field replaced by arbitrary text is refused naming it, or gives a usable architecture.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ArchitectureFieldError,
  decodeArchitecture,
  encodeArchitecture,
} from '../../../src/model/architecture/fieldCodec.ts';
import { architectureProblems, totalParams } from '../../../src/model/architecture/index.ts';
import { modelPresets } from '../../../src/model/presets/index.ts';

const lookup = (fields: readonly (readonly [string, string])[]) => {
  const map = new Map(fields);
  return (name: string) => map.get(name);
};

describe('encodeArchitecture / decodeArchitecture', () => {
  for (const preset of modelPresets) {
    it(`${preset.id} round-trips`, () => {
      expect(decodeArchitecture(lookup(encodeArchitecture(preset.architecture)))).toEqual(
        preset.architecture,
      );
    });
  }

  it('a field replaced by any text is refused naming a field, or read as a usable architecture', () => {
    const arbitraryText = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer({ min: -10, max: 2e7 }).map(String),
      fc.constantFrom('0', '1e9', 'NaN', 'Infinity', '0x10', '1.5', 'true', 'false', '', 'mla', 'gqa', 'mha'),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...modelPresets.map((p) => encodeArchitecture(p.architecture))),
        fc.nat(),
        arbitraryText,
        (fields, pick, text) => {
          const i = pick % fields.length;
          const changed = fields.map(([name, value], j) => [name, j === i ? text : value] as const);
          try {
            const arch = decodeArchitecture(lookup(changed));
            expect(architectureProblems(arch)).toEqual([]);
            expect(Number.isFinite(totalParams(arch))).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(ArchitectureFieldError);
            expect((error as ArchitectureFieldError).field.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
