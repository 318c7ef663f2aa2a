// A GPU preset's links as the scenario's editable inputs (0 B/s where there is no such link).

import type { DeviceRoofs, LinkRoof } from '../physics/time.ts';
import type { InterconnectPreset } from '../presets/interconnects.ts';
import type { InterconnectInputs } from './inputs.ts';

export function interconnectInputs(preset: InterconnectPreset): InterconnectInputs {
  return {
    intraNodeBps: preset.intraNode?.bandwidthBps ?? 0,
    intraNodeHopLatencyS: preset.intraNode?.hopLatencyS ?? 0,
    intraNodeCallLatencyS: preset.intraNode?.callLatencyS ?? 0,
    interNodeBps: preset.interNode?.bandwidthBps ?? 0,
    interNodeHopLatencyS: preset.interNode?.hopLatencyS ?? 0,
    interNodeCallLatencyS: preset.interNode?.callLatencyS ?? 0,
  };
}

function link(bandwidthBps: number, hopLatencyS: number, callLatencyS: number): LinkRoof | null {
  return bandwidthBps > 0 ? { bandwidthBps, hopLatencyS, callLatencyS } : null;
}

export function linkRoofs(inputs: InterconnectInputs): Pick<DeviceRoofs, 'intraNode' | 'interNode'> {
  return {
    intraNode: link(inputs.intraNodeBps, inputs.intraNodeHopLatencyS, inputs.intraNodeCallLatencyS),
    interNode: link(inputs.interNodeBps, inputs.interNodeHopLatencyS, inputs.interNodeCallLatencyS),
  };
}
