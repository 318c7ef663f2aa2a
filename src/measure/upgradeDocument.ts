// Reads version 1 measurement documents (before issue 12) as version 2: the fields they never recorded
// (working set, cache residency, variants, the cache the policy used) become null or empty, so the page
// and the CLI say "not recorded" instead of guessing. Saved histories and share links keep working.
// Documents written before issue 21 lack `schemaVersion`: it is the same number as `version`.
import type { Measurement, MeasurementDocument } from './document.ts';

export function upgradeDocument(read: MeasurementDocument): MeasurementDocument {
  const document = read.schemaVersion === undefined ? { ...read, schemaVersion: read.version } : read;
  if ((document.version as number) !== 1) return document;
  const measurements: Measurement[] = document.measurements.map((m) => ({
    ...m,
    workingSetBytes: null,
    cacheResident: null,
    variant: null,
    variantTrials: [],
  }));
  return { ...document, version: 2, schemaVersion: 2, llcBytes: null, tuned: null, measurements };
}
