/**
 * What the technician's kioskctl and a running core say to each other over the control socket: HTTP
 * over a Unix socket in the data folder, readable only by the kiosk's user. Never the citizen's API.
 */
import path from 'node:path';
import type { DeviceState } from '../api/contract.ts';

export const CONTROL_SOCKET_NAME = 'kioskctl.sock';

export function controlSocketPath(dataDir: string): string {
  return path.join(dataDir, CONTROL_SOCKET_NAME);
}

export interface ControlStatus {
  readonly softwareVersion: string;
  readonly apiVersion: number;
  readonly kioskId: string;
  readonly name: string;
  readonly municipality: string;
  readonly configFile: string;
  readonly pid: number;
  readonly startedAt: string;
  readonly uptimeSeconds: number;
  readonly screenUrl: string | null;
  readonly devices: readonly DeviceState[];
}

/** What became of a document sent to the printer, as kioskctl shows it. */
export type PrintOutcome =
  | { readonly delivered: true; readonly warnings: readonly string[] }
  | {
      readonly delivered: false;
      /** False when nothing reached the printer: printing again duplicates nothing. */
      readonly bytesSent: boolean;
      readonly error: { readonly code: string; readonly message: string; readonly detail?: string };
    };
