/**
 * The emulated printer's condition and the exact bytes it answers with (escpos.md §6, Epson layout).
 * Pure: the state is a plain value; functions map it to reply bytes.
 */

export type PrinterState = {
  /** Off: the printer neither prints nor answers anything. */
  readonly power: 'on' | 'off';
  readonly paperNearEnd: boolean;
  readonly paperOut: boolean;
  readonly coverOpen: boolean;
  readonly cutterError: boolean;
  /** Cash drawer connector pin 3 (kiosks have none; kept for completeness of the status bytes). */
  readonly drawerPinHigh: boolean;
};

export const HEALTHY_STATE: PrinterState = {
  power: 'on',
  paperNearEnd: false,
  paperOut: false,
  coverOpen: false,
  cutterError: false,
  drawerPinHigh: false,
};

/** Named conditions a person or a test can switch to (CLI, fault injection). */
export const PRINTER_CONDITIONS = {
  online: HEALTHY_STATE,
  'paper-near-end': { ...HEALTHY_STATE, paperNearEnd: true },
  'paper-out': { ...HEALTHY_STATE, paperOut: true },
  'cover-open': { ...HEALTHY_STATE, coverOpen: true },
  'cutter-error': { ...HEALTHY_STATE, cutterError: true },
  off: { ...HEALTHY_STATE, power: 'off' },
} as const satisfies Record<string, PrinterState>;
export type PrinterConditionName = keyof typeof PRINTER_CONDITIONS;

/** Why printing is stopped, or null when the printer can print. */
export type PrintBlocker = 'off' | 'paper_out' | 'cover_open' | 'cutter_error';

export function printBlocker(state: PrinterState): PrintBlocker | null {
  if (state.power === 'off') return 'off';
  if (state.coverOpen) return 'cover_open';
  if (state.paperOut) return 'paper_out';
  if (state.cutterError) return 'cutter_error';
  return null;
}

/** Epson goes offline on cover open, paper end and errors (DLE EOT 1 bit 3). */
export function isOffline(state: PrinterState): boolean {
  return printBlocker(state) !== null;
}

/** Fixed bits of every DLE EOT reply: bit 1 and bit 4 set, bits 0 and 7 clear (escpos.md §6). */
const DLE_EOT_FIXED = 0x12;

/**
 * Reply to DLE EOT n (n = 1–4), or null when the printer is off (no answer at all).
 * Assumption: an empty roll also trips the near-end sensor, so paper out reports 0x0C as well as 0x60.
 */
export function realtimeStatusByte(n: 1 | 2 | 3 | 4, state: PrinterState): number | null {
  if (state.power === 'off') return null;
  let b = DLE_EOT_FIXED;
  switch (n) {
    case 1:
      if (state.drawerPinHigh) b |= 0x04;
      if (isOffline(state)) b |= 0x08;
      // Bit 5: waiting for online recovery, i.e. a recoverable error such as the auto-cutter.
      if (state.cutterError) b |= 0x20;
      return b;
    case 2:
      if (state.coverOpen) b |= 0x04;
      if (state.paperOut) b |= 0x20;
      if (state.cutterError) b |= 0x40;
      return b;
    case 3:
      if (state.cutterError) b |= 0x08;
      return b;
    case 4:
      if (state.paperNearEnd || state.paperOut) b |= 0x0c;
      if (state.paperOut) b |= 0x60;
      return b;
  }
}

/**
 * Reply to GS r n (non-real-time paper/drawer query): bit 4 and bit 7 clear (escpos.md §6 `0xx0xxxx`).
 * n 1/49: bits 0–1 near end, bits 2–3 paper end. n 2/50: bit 0 drawer pin. Others: no reply.
 */
export function paperSensorStatusByte(n: number, state: PrinterState): number | null {
  if (state.power === 'off') return null;
  if (n === 1 || n === 49) {
    let b = 0;
    if (state.paperNearEnd || state.paperOut) b |= 0x03;
    if (state.paperOut) b |= 0x0c;
    return b;
  }
  if (n === 2 || n === 50) return state.drawerPinHigh ? 0x01 : 0x00;
  return null;
}

/**
 * Automatic status back (GS a), 4 bytes. Byte 1 has the `0xx1xx00` pattern: bit 2 drawer, bit 3
 * offline, bit 5 cover open. Byte 2: bit 3 auto-cutter error. Byte 3: bits 0–1 near end, bits 2–3
 * paper end. Byte 4: reserved, zero. (Epson TM layout; bits 5/6 of byte 2 stay clear here.)
 */
export function automaticStatusBytes(state: PrinterState): Uint8Array {
  let b1 = 0x10;
  if (state.drawerPinHigh) b1 |= 0x04;
  if (isOffline(state)) b1 |= 0x08;
  if (state.coverOpen) b1 |= 0x20;
  const b2 = state.cutterError ? 0x08 : 0x00;
  let b3 = 0;
  if (state.paperNearEnd || state.paperOut) b3 |= 0x03;
  if (state.paperOut) b3 |= 0x0c;
  return Uint8Array.of(b1, b2, b3, 0x00);
}
