/** The printer emulator's pseudo-terminal pair (simulators/common/pty.ts), failing with its own error. */
import { type PtyPair, startPtyPair as startCommonPtyPair } from '../common/pty.ts';
import { PrinterSimError } from './errors.ts';

export type { PtyPair } from '../common/pty.ts';

export function startPtyPair(emulatorPath: string, kioskPath: string, timeoutMs = 5000): Promise<PtyPair> {
  return startCommonPtyPair(
    emulatorPath,
    kioskPath,
    (detail, cause) =>
      new PrinterSimError(
        'printer_sim.pty_failed',
        'No se pudo crear el puerto serie virtual de la impresora.',
        detail,
        cause === undefined ? undefined : { cause },
      ),
    timeoutMs,
  );
}
