import { describe, expect, it } from 'vitest';
import {
  automaticStatusBytes,
  HEALTHY_STATE,
  PRINTER_CONDITIONS,
  paperSensorStatusByte,
  realtimeStatusByte,
} from './status.ts';

const all = (state: typeof HEALTHY_STATE) => ([1, 2, 3, 4] as const).map((n) => realtimeStatusByte(n, state));

describe('DLE EOT replies (escpos.md §6, Epson bit layout)', () => {
  it('a healthy printer answers 0x12 to every n', () => {
    expect(all(HEALTHY_STATE)).toEqual([0x12, 0x12, 0x12, 0x12]);
  });

  it('every reply keeps the fixed bits 0xx1xx10 in every condition', () => {
    for (const state of Object.values(PRINTER_CONDITIONS)) {
      for (const b of all(state)) {
        if (b === null) continue;
        expect(b & 0b1001_0011).toBe(0b0001_0010);
      }
    }
  });

  it('paper out: offline, printing stopped by paper end, roll empty', () => {
    expect(all(PRINTER_CONDITIONS['paper-out'])).toEqual([0x1a, 0x32, 0x12, 0x7e]);
  });

  it('paper near end only touches n=4 bits 2+3', () => {
    expect(all(PRINTER_CONDITIONS['paper-near-end'])).toEqual([0x12, 0x12, 0x12, 0x1e]);
  });

  it('cover open: offline and n=2 bit 2', () => {
    expect(all(PRINTER_CONDITIONS['cover-open'])).toEqual([0x1a, 0x16, 0x12, 0x12]);
  });

  it('cutter error: offline waiting for recovery, error occurred, auto-cutter error', () => {
    expect(all(PRINTER_CONDITIONS['cutter-error'])).toEqual([0x3a, 0x52, 0x1a, 0x12]);
  });

  it('a printer that is off does not answer', () => {
    expect(all(PRINTER_CONDITIONS.off)).toEqual([null, null, null, null]);
  });
});

describe('GS r and automatic status back', () => {
  it('GS r 1 reports the paper sensors with bit 4 clear', () => {
    expect(paperSensorStatusByte(1, HEALTHY_STATE)).toBe(0x00);
    expect(paperSensorStatusByte(49, PRINTER_CONDITIONS['paper-near-end'])).toBe(0x03);
    expect(paperSensorStatusByte(1, PRINTER_CONDITIONS['paper-out'])).toBe(0x0f);
    expect(paperSensorStatusByte(7, HEALTHY_STATE)).toBeNull();
  });

  it('ASB first byte has the 0xx1xx00 pattern, the others 0xx0xxxx', () => {
    expect(Array.from(automaticStatusBytes(HEALTHY_STATE))).toEqual([0x10, 0, 0, 0]);
    expect(Array.from(automaticStatusBytes(PRINTER_CONDITIONS['paper-out']))).toEqual([0x18, 0, 0x0f, 0]);
    expect(Array.from(automaticStatusBytes(PRINTER_CONDITIONS['cover-open']))).toEqual([0x38, 0, 0, 0]);
    expect(Array.from(automaticStatusBytes(PRINTER_CONDITIONS['cutter-error']))).toEqual([0x18, 0x08, 0, 0]);
  });
});
