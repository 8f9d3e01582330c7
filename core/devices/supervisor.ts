/**
 * The device supervisor keeps the one true state of every device. Drivers' monitors report into it;
 * the screen, the technician's kioskctl and the heartbeat to central read from it. A report that does
 * not change anything is not an event.
 */
import type { DeviceHealth, DeviceKind, DeviceState, DeviceStateCode } from '../api/contract.ts';

export interface DeviceReport {
  readonly health: DeviceHealth;
  readonly code: DeviceStateCode;
  readonly detail?: string;
}

export type DeviceStatesListener = (devices: DeviceState[]) => void;

export const DEVICE_ORDER: readonly DeviceKind[] = [
  'cardReader',
  'printer',
  'paymentTerminal',
  'scanner',
  'central',
];

export class DeviceSupervisor {
  readonly #states = new Map<DeviceKind, DeviceState>();
  readonly #listeners = new Set<DeviceStatesListener>();
  readonly #now: () => Date;

  constructor(now: () => Date, initial: Readonly<Record<DeviceKind, DeviceReport>>) {
    this.#now = now;
    for (const device of DEVICE_ORDER) this.#states.set(device, this.#state(device, initial[device]));
  }

  list(): DeviceState[] {
    return DEVICE_ORDER.map((device) => this.#states.get(device)!);
  }

  get(device: DeviceKind): DeviceState {
    return this.#states.get(device)!;
  }

  report(device: DeviceKind, report: DeviceReport): void {
    const current = this.#states.get(device)!;
    if (current.health === report.health && current.code === report.code && current.detail === report.detail)
      return;
    this.#states.set(device, this.#state(device, report));
    const devices = this.list();
    for (const listener of this.#listeners) listener(devices);
  }

  subscribe(listener: DeviceStatesListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #state(device: DeviceKind, report: DeviceReport): DeviceState {
    const state: DeviceState = {
      device,
      health: report.health,
      code: report.code,
      since: this.#now().toISOString(),
    };
    if (report.detail !== undefined) state.detail = report.detail;
    return state;
  }
}
