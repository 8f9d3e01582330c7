/** The scanner simulator's pseudo-terminal pair (simulators/common/pty.ts), failing with its own error. */
import { type PtyPair, startPtyPair as startCommonPtyPair } from '../common/pty.ts';
import { ScannerSimError } from './errors.ts';

export type { PtyPair } from '../common/pty.ts';

export function startPtyPair(simulatorPath: string, kioskPath: string, timeoutMs = 5000): Promise<PtyPair> {
  return startCommonPtyPair(
    simulatorPath,
    kioskPath,
    (detail, cause) =>
      new ScannerSimError(
        'scanner_sim.pty_failed',
        'No se pudo crear el puerto serie virtual del escáner simulado.',
        detail,
        cause === undefined ? undefined : { cause },
      ),
    timeoutMs,
  );
}
