// What to tell the user about a finished run, as plain sentences. Pure.
import type { MeasurementDocument } from '../../measure/document.ts';
import { isValidMeasurement } from '../../measure/document.ts';
import type { NoticeKind } from './notices.ts';

export interface RunOutcome {
  readonly kind: NoticeKind;
  readonly lines: readonly string[];
}

export function runOutcome(document: MeasurementDocument): RunOutcome {
  const measured = document.measurements.length;
  const valid = document.measurements.filter(isValidMeasurement).length;
  const failed = document.measurements.filter((m) => !isValidMeasurement(m));
  const lines: string[] = [];
  let kind: NoticeKind = 'ok';
  switch (document.status) {
    case 'complete':
      lines.push(
        `Run finished: ${valid} of ${measured} kernel cases verified and measured in ${document.elapsedSeconds.toFixed(1)} s.`,
      );
      break;
    case 'cancelled':
      kind = 'info';
      lines.push(
        `Run cancelled: the ${valid} kernel case${valid === 1 ? '' : 's'} finished before the cancel ${valid === 1 ? 'is' : 'are'} kept on the chart.`,
      );
      break;
    case 'device-lost':
      kind = 'error';
      lines.push(
        `The GPU device was lost (${document.statusReason ?? 'no reason given'}); the ${valid} case${valid === 1 ? '' : 's'} measured before that ${valid === 1 ? 'is' : 'are'} kept.`,
      );
      break;
    case 'out-of-memory':
      kind = 'error';
      lines.push(
        `The GPU ran out of memory (${document.statusReason ?? 'no reason given'}); the ${valid} case${valid === 1 ? '' : 's'} measured before that ${valid === 1 ? 'is' : 'are'} kept.`,
      );
      break;
    case 'failed':
      kind = 'error';
      lines.push(
        `The run failed (${document.statusReason ?? 'no reason given'}); the ${valid} case${valid === 1 ? '' : 's'} measured before that ${valid === 1 ? 'is' : 'are'} kept.`,
      );
      break;
  }
  if (failed.length > 0) {
    kind = 'error';
    lines.push(
      `${failed.length} case${failed.length === 1 ? '' : 's'} failed and ${failed.length === 1 ? 'is' : 'are'} not plotted: ${failed
        .map((m) => `${m.label} (${m.error ?? m.verifyMessage})`)
        .join('; ')}.`,
    );
  }
  if (document.skipped.length > 0) lines.push(`Not run on this device: ${document.skipped.join('; ')}.`);
  return { kind, lines };
}
