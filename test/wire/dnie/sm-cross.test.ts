/**
 * The driver's and the simulator's secure messaging are two implementations of dnie.md §4.2; each must
 * open what the other protects (fast-check over keys, SSC, commands and responses).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCommandApdu } from '../../../drivers/pcsc/index.ts';
import { type SmKeys, unwrapResponse, wrapCommand } from '../../../drivers/dnie/index.ts';
import { openCommand, protectResponse } from '../../../simulators/dnie/index.ts';

const keysArb = fc.record({
  kenc: fc.uint8Array({ minLength: 16, maxLength: 16 }),
  kmac: fc.uint8Array({ minLength: 16, maxLength: 16 }),
  macLength: fc.constantFrom(4 as const, 8 as const),
});
const sscArb = fc.bigInt({ min: 0n, max: (1n << 64n) - 2n });
const toBytes = (ssc: bigint): Uint8Array =>
  Uint8Array.from(Buffer.from(ssc.toString(16).padStart(16, '0'), 'hex'));

describe('driver ↔ virtual DNIe secure messaging', () => {
  it('the card opens every command the driver wraps', () => {
    fc.assert(
      fc.property(
        keysArb,
        sscArb,
        fc.record({
          ins: fc.integer({ min: 0, max: 0xff }),
          p1: fc.integer({ min: 0, max: 0xff }),
          p2: fc.integer({ min: 0, max: 0xff }),
          data: fc.uint8Array({ maxLength: 230 }),
          le: fc.option(fc.integer({ min: 1, max: 255 }), { nil: undefined }),
        }),
        (keys: SmKeys, ssc, command) => {
          const wrapped = wrapCommand(keys, toBytes(ssc), { cla: 0, ...command });
          const bytes = encodeCommandApdu({ ...wrapped.command, le: undefined });
          const session = { kenc: keys.kenc, kmac: keys.kmac, ssc, macLength: keys.macLength };
          const opened = openCommand(session, bytes.subarray(0, 4), wrapped.command.data!);
          expect(opened).toEqual({
            ok: true,
            cla: 0,
            ins: command.ins,
            p1: command.p1,
            p2: command.p2,
            data: command.data,
            le: command.data.length > 0 ? undefined : command.le,
          });
          expect(session.ssc).toBe(ssc + 1n);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('the driver opens every response the card protects, and refuses it with the wrong MAC', () => {
    fc.assert(
      fc.property(
        keysArb,
        sscArb,
        fc.uint8Array({ maxLength: 300 }),
        fc.integer({ min: 0x6000, max: 0x9fff }),
        (keys: SmKeys, ssc, data, sw) => {
          const session = { kenc: keys.kenc, kmac: keys.kmac, ssc: ssc + 1n, macLength: keys.macLength };
          const answer = protectResponse(session, data, sw);
          expect(unwrapResponse(keys, toBytes(ssc + 1n), { data: answer, sw: 0x9000 }).response).toEqual({
            data,
            sw,
          });
          const bad = protectResponse({ ...session, ssc: ssc + 1n }, data, sw, true);
          expect(() => unwrapResponse(keys, toBytes(ssc + 1n), { data: bad, sw: 0x9000 })).toThrow(
            expect.objectContaining({ code: 'dnie.sm_bad_mac' }),
          );
        },
      ),
      { numRuns: 80 },
    );
  });
});
