/**
 * The supervisor's device states as central's heartbeat wants them (central/service/sync-schemas.ts:
 * lower-case device names, states ok/warning/error/absent, a dotted code). Pure.
 */
import type { DeviceKind, DeviceState } from '../api/contract.ts';
import type { HeartbeatDevice } from './contract.ts';

const WIRE_NAME: Readonly<Record<DeviceKind, string>> = {
  cardReader: 'card_reader',
  paymentTerminal: 'payment_terminal',
  printer: 'printer',
  scanner: 'scanner',
  central: 'central',
};

export function heartbeatDevices(states: readonly DeviceState[]): HeartbeatDevice[] {
  return (
    states
      // Central knows whether it hears from the kiosk; the kiosk's view of central tells it nothing.
      .filter((s) => s.device !== 'central')
      .map((s) => {
        const name = WIRE_NAME[s.device];
        const state: HeartbeatDevice['state'] =
          s.code === 'not_configured' ? 'absent' : s.health === 'unknown' ? 'warning' : s.health;
        return {
          device: name,
          state,
          code: `${name}.${s.code}`,
          ...(s.detail === undefined ? {} : { detail: s.detail.slice(0, 500) }),
        };
      })
  );
}
