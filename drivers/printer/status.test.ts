import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PrinterStatusError } from './errors.ts';
import {
  ALL_STATUS_REQUESTS,
  decodeStatus,
  encodeStatus,
  HEALTHY_STATUS,
  isStatusByte,
  type PrinterStatus,
  readiness,
  statusRequest,
} from './status.ts';

const statusArb: fc.Arbitrary<PrinterStatus> = fc.record({
  drawerPin3High: fc.boolean(),
  offline: fc.boolean(),
  waitingForOnlineRecovery: fc.boolean(),
  feedButtonPressed: fc.boolean(),
  coverOpen: fc.boolean(),
  feedingByButton: fc.boolean(),
  stoppedByPaperEnd: fc.boolean(),
  errorOccurred: fc.boolean(),
  mechanicalError: fc.boolean(),
  cutterError: fc.boolean(),
  unrecoverableError: fc.boolean(),
  autoRecoverableError: fc.boolean(),
  paperNearEnd: fc.boolean(),
  paperOut: fc.boolean(),
});

describe('status requests', () => {
  it('are DLE EOT n', () => {
    expect([...statusRequest(3)]).toEqual([0x10, 0x04, 0x03]);
    expect([...ALL_STATUS_REQUESTS]).toEqual([0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 3, 0x10, 4, 4]);
  });
});

describe('decodeStatus', () => {
  it('reads 12 12 12 12 as healthy and ready', () => {
    expect(Object.values(HEALTHY_STATUS).every((v) => v === false)).toBe(true);
    expect(readiness(HEALTHY_STATUS)).toEqual({ ready: true, warnings: [], technician: [] });
  });

  it('reads the bits of escpos.md §6', () => {
    const status = decodeStatus(Uint8Array.of(0x1a, 0x36, 0x1a, 0x72));
    expect(status).toMatchObject({
      offline: true,
      coverOpen: true,
      stoppedByPaperEnd: true,
      cutterError: true,
      paperOut: true,
      paperNearEnd: false,
      unrecoverableError: false,
    });
    expect(decodeStatus(Uint8Array.of(0x12, 0x12, 0x12, 0x1e)).paperNearEnd).toBe(true);
  });

  it('refuses a byte without the fixed bits and a wrong length', () => {
    expect(() => decodeStatus(Uint8Array.of(0x12, 0x12, 0x12, 0x00))).toThrow(PrinterStatusError);
    expect(() => decodeStatus(Uint8Array.of(0x12, 0x11, 0x12, 0x12))).toThrow(PrinterStatusError); // XON
    expect(() => decodeStatus(Uint8Array.of(0x12, 0x12, 0x12))).toThrow(PrinterStatusError);
  });

  it('round-trips every status (property)', () => {
    fc.assert(
      fc.property(statusArb, (status) => {
        expect(decodeStatus(encodeStatus(status))).toEqual(status);
      }),
    );
  });

  it('throws only PrinterStatusError, and only for bytes without the fixed bits (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 6 }), (bytes) => {
        const valid = bytes.length === 4 && bytes.every(isStatusByte);
        try {
          decodeStatus(bytes);
          expect(valid).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(PrinterStatusError);
          expect(valid).toBe(false);
        }
      }),
    );
  });
});

describe('readiness', () => {
  it('explains paper out to the technician and to the citizen', () => {
    const verdict = readiness({ ...HEALTHY_STATUS, offline: true, stoppedByPaperEnd: true, paperOut: true });
    expect(verdict).toMatchObject({ ready: false, reason: 'printer.paper_out' });
    if (!verdict.ready) {
      expect(verdict.technician).toContain('papel');
      expect(verdict.citizen).toContain('sin papel');
    }
  });

  it('stays ready with a warning when paper is near its end', () => {
    expect(readiness({ ...HEALTHY_STATUS, paperNearEnd: true })).toMatchObject({
      ready: true,
      warnings: ['printer.paper_near_end'],
    });
  });

  it('ignores the drawer and the feed button', () => {
    expect(readiness({ ...HEALTHY_STATUS, drawerPin3High: true, feedButtonPressed: true }).ready).toBe(true);
  });

  it('is ready exactly when no fault bit is set, and always has both sentences otherwise (property)', () => {
    fc.assert(
      fc.property(statusArb, (s) => {
        const fault =
          s.offline ||
          s.waitingForOnlineRecovery ||
          s.coverOpen ||
          s.stoppedByPaperEnd ||
          s.errorOccurred ||
          s.mechanicalError ||
          s.cutterError ||
          s.unrecoverableError ||
          s.autoRecoverableError ||
          s.paperOut;
        const verdict = readiness(s);
        expect(verdict.ready).toBe(!fault);
        if (!verdict.ready) {
          expect(verdict.technician.length).toBeGreaterThan(10);
          expect(verdict.citizen.length).toBeGreaterThan(10);
        }
      }),
    );
  });
});
