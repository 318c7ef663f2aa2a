// §2.1 node cost (F1–F4).
import type { ScenarioInputs } from '../scenario/inputs.ts';
import { type FigureMap, put } from './sink.ts';

export interface CostValues {
  nodeCostPerHour: number;
  nodeCostPerMonth: number;
}

const meta = (label: string, unit: string, formula: string, section = '2.1') =>
  ({ label, unit, formula, section, basis: 'theoretical' }) as const;

export function costChain(inputs: ScenarioInputs, out: FigureMap): CostValues {
  const { gpuHourUsd, hoursPerDay, hoursPerMonth, hoursPerYear } = inputs.pricing;
  const { gpusPerNode } = inputs.hardware;
  const nodeCostPerHour = put(
    out,
    'cost.node_per_hour',
    meta('Node cost per hour', 'USD/h', 'F1'),
    gpuHourUsd * gpusPerNode,
    {
      gpuHourUsd,
      gpusPerNode,
    },
  );
  put(out, 'cost.node_per_day', meta('Node cost per day', 'USD/day', 'F2'), nodeCostPerHour * hoursPerDay, {
    nodeCostPerHour,
    hoursPerDay,
  });
  const nodeCostPerMonth = put(
    out,
    'cost.node_per_month',
    meta('Node cost per month', 'USD/month', 'F3'),
    nodeCostPerHour * hoursPerMonth,
    { nodeCostPerHour, hoursPerMonth },
  );
  put(out, 'cost.node_per_year', meta('Node cost per year', 'USD/yr', 'F4'), nodeCostPerHour * hoursPerYear, {
    nodeCostPerHour,
    hoursPerYear,
  });
  put(
    out,
    'cost.entry_ticket_month',
    {
      ...meta('Entry ticket (API spend of one node-month)', 'USD/month', 'F3', '2.1 note 1'),
      blogValue: 35_000,
    },
    nodeCostPerMonth,
    { nodeCostPerMonth },
  );
  return { nodeCostPerHour, nodeCostPerMonth };
}
