// §6–7.1 monthly bill: API spill-over, hybrid vs all-API, savings, autoscaling (F59–F65).
import type { ScenarioInputs } from '../scenario/inputs.ts';
import type { FleetValues } from './fleet.ts';
import { tierProcTps } from './fleet.ts';
import { type FigureMap, put } from './sink.ts';

export interface BillValues {
  monthlyProcTokens: number;
  hybridCostPerMonth: number;
  allApiCostPerMonth: number;
  savingsPerMonth: number;
  savingsPct: number;
}

/** F59: the month's processed tokens, from the basis tier's rate over the month (or its override). */
export function monthlyProcTokensOf(inputs: ScenarioInputs): number {
  const basisProcTps = tierProcTps(inputs, inputs.scenario.monthlyTokenBasis);
  return inputs.overrides.monthlyProcTokens ?? basisProcTps * 3600 * inputs.pricing.hoursPerMonth;
}

export function billChain(inputs: ScenarioInputs, fleet: FleetValues, out: FigureMap): BillValues {
  const { apiPricePerMTokUsd: apiPrice, hoursPerMonth } = inputs.pricing;
  const m = (label: string, unit: string, formula: string, section = '6') =>
    ({ label, unit, formula, section, basis: 'empirical' }) as const;
  const basisProcTps = tierProcTps(inputs, inputs.scenario.monthlyTokenBasis);
  const monthlyProcTokens = put(
    out,
    'fleet.monthly_tokens',
    {
      ...m('Processed tokens per month', 'tokens', 'F59', '6/7.1'),
      note: 'inferred: the blog states 583B without a derivation',
    },
    inputs.overrides.monthlyProcTokens ?? basisProcTps * 3600 * hoursPerMonth,
    { p50ProcTps: basisProcTps, hoursPerMonth },
  );
  const spill = put(
    out,
    'fleet.spill_tokens',
    m('Tokens spilled to the API per month', 'tokens', 'F60'),
    Math.max(0, monthlyProcTokens - fleet.selfHostTokensPerMonth),
    {
      monthly: monthlyProcTokens,
      selfHost: fleet.selfHostTokensPerMonth,
    },
  );
  const spillCost = put(
    out,
    'fleet.spill_cost',
    m('API spill-over cost per month', 'USD/month', 'F61'),
    (spill / 1e6) * apiPrice,
    { spillTokens: spill, apiPrice },
  );
  const hybridCostPerMonth = put(
    out,
    'fleet.hybrid_total',
    m('Hybrid (fleet + spill) cost per month', 'USD/month', 'F62'),
    fleet.selfHostCostPerMonth + spillCost,
    {
      selfHostCost: fleet.selfHostCostPerMonth,
      spillCost,
    },
  );
  const allApiCostPerMonth = put(
    out,
    'bill.all_api',
    m('All-API cost per month', 'USD/month', 'F63', '7.1'),
    (monthlyProcTokens / 1e6) * apiPrice,
    {
      monthlyTokens: monthlyProcTokens,
      apiPrice,
    },
  );
  const savingsPerMonth = put(
    out,
    'bill.savings',
    m('Savings per month (all-API − hybrid)', 'USD/month', 'F64', '7.1'),
    allApiCostPerMonth - hybridCostPerMonth,
    {
      allApi: allApiCostPerMonth,
      hybrid: hybridCostPerMonth,
    },
  );
  const savingsPct = put(
    out,
    'bill.savings_pct',
    m('Savings share of the all-API bill', '', 'F64', '7.1'),
    savingsPerMonth / allApiCostPerMonth,
    {
      savings: savingsPerMonth,
      allApi: allApiCostPerMonth,
    },
  );
  const { lo, hi } = inputs.empirical.autoscalingSavingsRange;
  put(
    out,
    'bill.autoscale_lo',
    m('Autoscaling savings, low end', 'USD/month', 'F65', '7.2'),
    lo * allApiCostPerMonth,
    { pct: lo, allApi: allApiCostPerMonth },
  );
  put(
    out,
    'bill.autoscale_hi',
    { ...m('Autoscaling savings, high end', 'USD/month', 'F65', '7.2'), blogValue: 50_000 },
    hi * allApiCostPerMonth,
    {
      pct: hi,
      allApi: allApiCostPerMonth,
    },
  );
  return { monthlyProcTokens, hybridCostPerMonth, allApiCostPerMonth, savingsPerMonth, savingsPct };
}
