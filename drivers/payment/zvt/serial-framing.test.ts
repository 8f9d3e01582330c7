import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZvtDecodeError } from './errors.ts';
import { SERIAL_LINK_POLICY, type SerialEvent, SerialDeframer, encodeSerialFrame } from './serial-framing.ts';
import { fromHex } from './test-support.ts';

const frames = (events: SerialEvent[]): Uint8Array[] =>
  events.flatMap((e) => (e.type === 'frame' ? [e.apdu] : []));

describe('serial framing (docs/zvt.md §2.1)', () => {
  it('matches the worked wire vectors', () => {
    expect(encodeSerialFrame(fromHex('80 00 00'))).toEqual(fromHex('10 02 80 00 00 10 03 F5 1F'));
    expect(encodeSerialFrame(fromHex('06 00 06 00 00 00 BA 09 78'))).toEqual(
      fromHex('10 02 06 00 06 00 00 00 BA 09 78 10 03 D0 D8'),
    );
    expect(encodeSerialFrame(fromHex('06 01 07 04 00 00 00 00 10 00'))).toEqual(
      fromHex('10 02 06 01 07 04 00 00 00 00 10 10 00 10 03 62 91'),
    );
  });

  it('deframes with DLE undoubling', () => {
    const d = new SerialDeframer();
    expect(d.push(fromHex('10 02 06 01 07 04 00 00 00 00 10 10 00 10 03 62 91'))).toEqual([
      { type: 'frame', apdu: fromHex('06 01 07 04 00 00 00 00 10 00') },
    ]);
  });

  it('reports a CRC mismatch as a value, then keeps reading', () => {
    const d = new SerialDeframer();
    const events = d.push(fromHex('10 02 80 00 00 10 03 F5 1E 10 02 80 00 00 10 03 F5 1F'));
    expect(events).toHaveLength(2);
    const [bad, good] = events;
    expect(bad?.type).toBe('crc_error');
    if (bad?.type === 'crc_error') {
      expect(bad.error).toBeInstanceOf(ZvtDecodeError);
      expect(bad.error.code).toBe('zvt.crc_mismatch');
      expect(bad.expected).toBe(0x1ff5);
      expect(bad.received).toBe(0x1ef5);
    }
    expect(good).toEqual({ type: 'frame', apdu: fromHex('80 00 00') });
  });

  it('ACK and NAK bytes, in both the 1-byte and the doubled forms', () => {
    const d = new SerialDeframer();
    expect(d.push(fromHex('06'))).toEqual([{ type: 'ack' }]);
    expect(d.push(fromHex('10 06'))).toEqual([{ type: 'ack' }]);
    expect(d.push(fromHex('15'))).toEqual([{ type: 'nak' }]);
    expect(d.push(fromHex('15'))).toEqual([]); // second byte of 15 15
    expect(d.push(fromHex('15 06'))).toEqual([{ type: 'nak' }, { type: 'ack' }]);
  });

  it('tolerates garbage between frames and reports how much', () => {
    const d = new SerialDeframer();
    const events = d.push(fromHex('00 FF 10 41 10 02 80 00 00 10 03 F5 1F 33'));
    expect(events).toEqual([
      { type: 'garbage', count: 4 },
      { type: 'frame', apdu: fromHex('80 00 00') },
      { type: 'garbage', count: 1 },
    ]);
  });

  it('a bad DLE sequence is a framing error; a new DLE STX restarts the frame', () => {
    const d = new SerialDeframer();
    const [e1] = d.push(fromHex('10 02 80 10 41'));
    expect(e1?.type === 'framing_error' && e1.error.code).toBe('zvt.serial_framing');
    const events = d.push(fromHex('10 02 06 01 10 02 80 00 00 10 03 F5 1F'));
    expect(events.map((e) => e.type)).toEqual(['framing_error', 'frame']);
    expect(frames(events)).toEqual([fromHex('80 00 00')]);
  });

  it('reset (T1 expiry) abandons a partial frame with a framing error', () => {
    const d = new SerialDeframer();
    d.push(fromHex('10 02 80 00'));
    expect(d.inFrame).toBe(true);
    expect(d.reset()?.type).toBe('framing_error');
    expect(d.inFrame).toBe(false);
    expect(d.reset()).toBeUndefined();
  });

  it('carries the largest APDU (64 KB, full of DLE bytes) split across many reads', () => {
    const apdu = new Uint8Array(5 + 0xffff).fill(0x10);
    const wire = encodeSerialFrame(apdu);
    expect(wire.length).toBe(2 * apdu.length + 6);
    const d = new SerialDeframer();
    const events: SerialEvent[] = [];
    for (let i = 0; i < wire.length; i += 997) events.push(...d.push(wire.subarray(i, i + 997)));
    expect(frames(events)).toEqual([apdu]);
  });

  it('caps frame length', () => {
    const d = new SerialDeframer({ maxApduLength: 4 });
    const events = d.push(fromHex('10 02 01 02 03 04 05'));
    expect(events[0]?.type).toBe('framing_error');
  });

  it('round-trips any APDU bytes through any chunking, with garbage between frames', () => {
    const noise = fc
      .uint8Array({ maxLength: 6 })
      .map((b) => b.filter((x) => x !== 0x10 && x !== 0x06 && x !== 0x15));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(noise, fc.uint8Array({ maxLength: 300 })), { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (items, cuts) => {
          const wire = Uint8Array.from(items.flatMap(([n, a]) => [...n, ...encodeSerialFrame(a)]));
          const points = [...new Set(cuts.map((c) => c % (wire.length + 1)))].sort((a, b) => a - b);
          const d = new SerialDeframer();
          const events: SerialEvent[] = [];
          let prev = 0;
          for (const p of [...points, wire.length]) {
            events.push(...d.push(wire.subarray(prev, p)));
            prev = p;
          }
          expect(frames(events)).toEqual(items.map(([, a]) => a));
          expect(events.every((e) => e.type === 'frame' || e.type === 'garbage')).toBe(true);
        },
      ),
    );
  });

  it('arbitrary bytes never throw; errors are typed values', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 30 }), { maxLength: 8 }), (chunks) => {
        const d = new SerialDeframer();
        for (const c of chunks) {
          for (const e of d.push(c)) {
            if (e.type === 'crc_error' || e.type === 'framing_error')
              expect(e.error).toBeInstanceOf(ZvtDecodeError);
          }
        }
      }),
    );
  });

  it('documents the link policy numbers', () => {
    expect(SERIAL_LINK_POLICY).toMatchObject({
      interByteTimeoutMs: 200,
      frameHeaderTimeoutMs: 15_000,
      ackTimeoutMs: 5_000,
      masterRightsTimeoutMs: 180_000,
      maxSendAttempts: 3,
    });
  });
});
