import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Deframer, type DeframerEvent, encodeFrame } from './serial-frame.ts';

const h = (s: string): Uint8Array => Uint8Array.from(s.split(' ').map((x) => Number.parseInt(x, 16)));

describe('serial frame', () => {
  it('encodes the worked vectors of zvt.md §2.1', () => {
    expect(encodeFrame(h('80 00 00'))).toEqual(h('10 02 80 00 00 10 03 F5 1F'));
    expect(encodeFrame(h('06 00 06 00 00 00 BA 09 78'))).toEqual(
      h('10 02 06 00 06 00 00 00 BA 09 78 10 03 D0 D8'),
    );
    expect(encodeFrame(h('06 01 07 04 00 00 00 00 10 00'))).toEqual(
      h('10 02 06 01 07 04 00 00 00 00 10 10 00 10 03 62 91'),
    );
  });

  it('round-trips any APDU bytes, however the wire is chunked', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 1, max: 7 }), (apdu, step) => {
        const wire = encodeFrame(apdu);
        const d = new Deframer();
        const events: DeframerEvent[] = [];
        for (let i = 0; i < wire.length; i += step) events.push(...d.push(wire.subarray(i, i + step)));
        expect(events).toEqual([{ type: 'frame', apdu }]);
        expect(d.inFrame).toBe(false);
      }),
    );
  });

  it('reports a corrupted CRC as a bad frame', () => {
    const d = new Deframer();
    const events = d.push(encodeFrame(h('06 01 07 04 00 00 00 00 10 00'), { corruptCrc: true }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'bad-frame', reason: 'crc' });
  });

  it('reports DLE followed by a stray byte as a framing error', () => {
    const events = new Deframer().push(h('10 02 06 10 41'));
    expect(events).toEqual([expect.objectContaining({ type: 'bad-frame', reason: 'framing' })]);
  });

  it('tells ACK and NAK bytes between frames apart from frames', () => {
    const d = new Deframer();
    expect(d.push(h('06 15'))).toEqual([{ type: 'ack' }, { type: 'nak' }]);
    expect(d.push(Uint8Array.of(0x06, ...encodeFrame(h('80 00 00'))))).toEqual([
      { type: 'ack' },
      { type: 'frame', apdu: h('80 00 00') },
    ]);
  });

  it('never throws on arbitrary bytes and recovers for the next good frame', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (noise) => {
        const d = new Deframer();
        d.push(noise);
        d.reset();
        expect(d.push(encodeFrame(h('80 00 00')))).toEqual([{ type: 'frame', apdu: h('80 00 00') }]);
      }),
    );
  });
});
