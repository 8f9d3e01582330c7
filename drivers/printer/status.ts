/**
 * Real-time status (escpos.md §6): the four DLE EOT requests, a pure decoder of the four answer
 * bytes, an encoder (for fakes and round-trip tests) and the readiness verdict with its sentences.
 */

import { PrinterStatusError } from './errors.ts';
import type { NotReadyReason } from './errors.ts';

export type StatusRequestNumber = 1 | 2 | 3 | 4;

/** DLE EOT n: answered at once with one byte, even while offline or busy. */
export function statusRequest(n: StatusRequestNumber): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n);
}

/** The four requests back to back; Epson answers them in the same order (§6). */
export const ALL_STATUS_REQUESTS: Uint8Array = Uint8Array.of(
  ...statusRequest(1),
  ...statusRequest(2),
  ...statusRequest(3),
  ...statusRequest(4),
);

export interface PrinterStatus {
  // n = 1: printer status
  /** Drawer kick connector pin 3. Decoded for completeness; the kiosk has no drawer, readiness ignores it. */
  readonly drawerPin3High: boolean;
  readonly offline: boolean;
  readonly waitingForOnlineRecovery: boolean;
  readonly feedButtonPressed: boolean;
  // n = 2: offline cause
  readonly coverOpen: boolean;
  readonly feedingByButton: boolean;
  readonly stoppedByPaperEnd: boolean;
  readonly errorOccurred: boolean;
  // n = 3: error cause
  readonly mechanicalError: boolean;
  readonly cutterError: boolean;
  readonly unrecoverableError: boolean;
  readonly autoRecoverableError: boolean;
  // n = 4: roll paper sensor
  readonly paperNearEnd: boolean;
  readonly paperOut: boolean;
}

/** Fixed bits of every DLE EOT answer: bit 0 = 0, bit 1 = 1, bit 4 = 1, bit 7 = 0 (`0xx1xx10`). */
const FIXED_MASK = 0x93;
const FIXED_VALUE = 0x12;

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;
const hex = (byte: number): string => `0x${byte.toString(16).padStart(2, '0')}`;

/** True when `byte` has the fixed bits of a DLE EOT answer (tells it from ASB, GS r, XON/XOFF). */
export function isStatusByte(byte: number): boolean {
  return (byte & FIXED_MASK) === FIXED_VALUE;
}

/**
 * Decodes the answers to DLE EOT 1, 2, 3, 4, in that order. Anything else (wrong length, a byte
 * without the fixed bits) is a `PrinterStatusError`, never a guessed status.
 */
export function decodeStatus(answer: Uint8Array): PrinterStatus {
  if (answer.length !== 4) {
    throw new PrinterStatusError(`expected 4 status bytes (DLE EOT 1–4), got ${answer.length}`);
  }
  const [printer, offline, error, paper] = answer as unknown as [number, number, number, number];
  answer.forEach((byte, i) => {
    if (!isStatusByte(byte)) {
      throw new PrinterStatusError(`DLE EOT ${i + 1} answer ${hex(byte)} lacks the fixed bits 0xx1xx10`);
    }
  });
  return {
    drawerPin3High: bit(printer, 2),
    offline: bit(printer, 3),
    waitingForOnlineRecovery: bit(printer, 5),
    feedButtonPressed: bit(printer, 6),
    coverOpen: bit(offline, 2),
    feedingByButton: bit(offline, 3),
    stoppedByPaperEnd: bit(offline, 5),
    errorOccurred: bit(offline, 6),
    mechanicalError: bit(error, 2),
    cutterError: bit(error, 3),
    unrecoverableError: bit(error, 5),
    autoRecoverableError: bit(error, 6),
    // Epson sets both bits of each pair; some clones set one. Either counts (assumption, see README).
    paperNearEnd: (paper & 0x0c) !== 0,
    paperOut: (paper & 0x60) !== 0,
  };
}

/** The four answer bytes a printer in `status` sends (for fakes and tests); pairs set both bits. */
export function encodeStatus(status: PrinterStatus): Uint8Array {
  const byte = (bits: readonly [number, boolean][]): number =>
    bits.reduce((acc, [n, on]) => (on ? acc | (1 << n) : acc), FIXED_VALUE);
  return Uint8Array.of(
    byte([
      [2, status.drawerPin3High],
      [3, status.offline],
      [5, status.waitingForOnlineRecovery],
      [6, status.feedButtonPressed],
    ]),
    byte([
      [2, status.coverOpen],
      [3, status.feedingByButton],
      [5, status.stoppedByPaperEnd],
      [6, status.errorOccurred],
    ]),
    byte([
      [2, status.mechanicalError],
      [3, status.cutterError],
      [5, status.unrecoverableError],
      [6, status.autoRecoverableError],
    ]),
    byte([
      [2, status.paperNearEnd],
      [3, status.paperNearEnd],
      [5, status.paperOut],
      [6, status.paperOut],
    ]),
  );
}

/** A healthy printer: online, paper present, no error (answers 12 12 12 12). */
export const HEALTHY_STATUS: PrinterStatus = decodeStatus(Uint8Array.of(0x12, 0x12, 0x12, 0x12));

export type PrinterWarning = 'printer.paper_near_end';

export type Readiness =
  | {
      readonly ready: true;
      readonly warnings: readonly PrinterWarning[];
      readonly technician: readonly string[];
    }
  | {
      readonly ready: false;
      readonly reason: NotReadyReason;
      /** For the service screen and the fleet log. */
      readonly technician: string;
      /** For the person in front of the kiosk. */
      readonly citizen: string;
    };

const CITIZEN_OUT_OF_SERVICE =
  'La impresora no está disponible en este momento. No se ha cobrado ni emitido nada; inténtelo más tarde o acuda a la oficina de atención ciudadana.';

interface Verdict {
  readonly reason: NotReadyReason;
  readonly technician: string;
  readonly citizen: string;
}

/** In order of what a technician must fix first. */
const VERDICTS: readonly { when: (s: PrinterStatus) => boolean; verdict: Verdict }[] = [
  {
    when: (s) => s.unrecoverableError,
    verdict: {
      reason: 'printer.unrecoverable_error',
      technician:
        'Error irrecuperable de la impresora (DLE EOT 3 bit 5): apague y encienda; si persiste, sustitúyala.',
      citizen: CITIZEN_OUT_OF_SERVICE,
    },
  },
  {
    when: (s) => s.coverOpen,
    verdict: {
      reason: 'printer.cover_open',
      technician: 'La tapa de la impresora está abierta (DLE EOT 2 bit 2): ciérrela bien.',
      citizen: CITIZEN_OUT_OF_SERVICE,
    },
  },
  {
    when: (s) => s.paperOut || s.stoppedByPaperEnd,
    verdict: {
      reason: 'printer.paper_out',
      technician:
        'La impresora no tiene papel (DLE EOT 4 bits 5-6 o DLE EOT 2 bit 5): cargue un rollo nuevo.',
      citizen: 'La impresora se ha quedado sin papel. Avisaremos al servicio técnico; inténtelo más tarde.',
    },
  },
  {
    when: (s) => s.cutterError,
    verdict: {
      reason: 'printer.cutter_error',
      technician: 'Error de la cuchilla (DLE EOT 3 bit 3): retire el papel atascado y compruebe la cuchilla.',
      citizen: CITIZEN_OUT_OF_SERVICE,
    },
  },
  {
    when: (s) => s.autoRecoverableError,
    verdict: {
      reason: 'printer.auto_recoverable_error',
      technician:
        'Error autorrecuperable (DLE EOT 3 bit 6, p. ej. cabezal sobrecalentado): espere unos minutos y compruebe la ventilación.',
      citizen: 'La impresora se está recuperando. Inténtelo de nuevo en unos minutos.',
    },
  },
  {
    when: (s) => s.mechanicalError,
    verdict: {
      reason: 'printer.mechanical_error',
      technician: 'Error mecánico recuperable (DLE EOT 3 bit 2): revise el mecanismo y el papel.',
      citizen: CITIZEN_OUT_OF_SERVICE,
    },
  },
  {
    when: (s) => s.offline || s.errorOccurred || s.waitingForOnlineRecovery,
    verdict: {
      reason: 'printer.offline_other',
      technician:
        'La impresora está fuera de línea sin causa conocida (DLE EOT 1 bit 3 o DLE EOT 2 bit 6): revise la impresora y su panel.',
      citizen: CITIZEN_OUT_OF_SERVICE,
    },
  },
];

/**
 * Whether the printer can print now and, if not, why, with a sentence for the technician and one
 * for the citizen. Paper near end is still ready, with a warning for the technician.
 */
export function readiness(status: PrinterStatus): Readiness {
  const found = VERDICTS.find((v) => v.when(status));
  if (found !== undefined) return { ready: false, ...found.verdict };
  return status.paperNearEnd
    ? {
        ready: true,
        warnings: ['printer.paper_near_end'],
        technician: ['Queda poco papel en la impresora (DLE EOT 4 bits 2-3): cambie el rollo pronto.'],
      }
    : { ready: true, warnings: [], technician: [] };
}
