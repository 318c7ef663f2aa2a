// §7.2 savings table (F66) and §7.3 break-even against an engineer's cost (numbers only, I-24).
import type { ScenarioInputs } from '../scenario/inputs.ts';
import { type FigureMap, put } from './sink.ts';

export interface SavingsBand {
  monthlyLoUsd: number;
  /** null: the open top band */
  monthlyHiUsd: number | null;
  /** carried as data, not computed (F66) */
  baseline: string;
  autoscaling: string;
  /** upper bound of the aggressive column (lower bound for the open band); null where the blog has "—" */
  aggressive: number | null;
}

export function savingsBands(inputs: ScenarioInputs): SavingsBand[] {
  const t = inputs.savingsTable;
  return [
    {
      monthlyLoUsd: 0,
      monthlyHiUsd: 35e3,
      baseline: 'impossible (one 8-GPU box is the minimum unit)',
      autoscaling: '—',
      aggressive: null,
    },
    {
      monthlyLoUsd: 35e3,
      monthlyHiUsd: 100e3,
      baseline: 'marginal, not worth ops cost',
      autoscaling: '~5-10%',
      aggressive: t.aggressiveHi35kTo100k,
    },
    {
      monthlyLoUsd: 100e3,
      monthlyHiUsd: 500e3,
      baseline: '~10-15%',
      autoscaling: '~20-25%',
      aggressive: t.aggressiveHi100kTo500k,
    },
    {
      monthlyLoUsd: 500e3,
      monthlyHiUsd: 2e6,
      baseline: '~15-20%',
      autoscaling: '~25-30%',
      aggressive: t.aggressiveHi500kTo2m,
    },
    {
      monthlyLoUsd: 2e6,
      monthlyHiUsd: null,
      baseline: '~20%+',
      autoscaling: '~30%+',
      aggressive: t.aggressiveLo2mPlus,
    },
  ];
}

/** Index of the band a monthly API spend falls in (Cline's check: $185K is the $100K–500K band). */
export function bandIndexFor(monthlyUsd: number, bands: readonly SavingsBand[]): number {
  const index = bands.findIndex(
    (band) =>
      monthlyUsd >= band.monthlyLoUsd && (band.monthlyHiUsd === null || monthlyUsd < band.monthlyHiUsd),
  );
  return Math.max(index, 0);
}

export interface BreakEven {
  annualSavingsUsd: number;
  engineerCostLoUsd: number;
  engineerCostHiUsd: number;
  /** annual savings over the engineer's cost, at the low and high cost */
  coverageAtLo: number;
  coverageAtHi: number;
}

export function savingsTableChain(
  inputs: ScenarioInputs,
  savingsPerMonth: number,
  out: FigureMap,
): BreakEven {
  const m = (label: string, formula = 'F66') =>
    ({ label, unit: 'USD/yr', formula, section: '7.2', basis: 'theoretical' }) as const;
  const annualOf: Record<string, number> = { '35k': 35e3, '100k': 100e3, '500k': 500e3, '2m': 2e6 };
  for (const [suffix, monthly] of Object.entries(annualOf)) {
    put(out, `table.annual_${suffix}`, m(`Annual API spend at $${suffix}/month`), 12 * monthly, { monthly });
  }
  const t = inputs.savingsTable;
  const best = (id: string, label: string, aggressive: number, annual: number) =>
    put(out, id, m(label), aggressive * annual, { aggressiveHi: aggressive, annualHi: annual });
  best('table.best_35_100k', 'Best case saved, $35K–100K band', t.aggressiveHi35kTo100k, 1.2e6);
  best('table.best_100_500k', 'Best case saved, $100K–500K band', t.aggressiveHi100kTo500k, 6e6);
  best('table.best_500k_2m', 'Best case saved, $500K–2M band', t.aggressiveHi500kTo2m, 24e6);
  put(
    out,
    'table.best_2m_plus',
    { ...m('Best case saved, $2M+ band (row floor)'), blogValue: 10e6 },
    t.aggressiveLo2mPlus * 24e6,
    {
      aggressive: t.aggressiveLo2mPlus,
      annualLo: 24e6,
    },
  );
  const annualSavingsUsd = 12 * savingsPerMonth;
  const { lo, hi } = inputs.empirical.engineerCostPerYearRange;
  return {
    annualSavingsUsd,
    engineerCostLoUsd: lo,
    engineerCostHiUsd: hi,
    coverageAtLo: annualSavingsUsd / lo,
    coverageAtHi: annualSavingsUsd / hi,
  };
}
