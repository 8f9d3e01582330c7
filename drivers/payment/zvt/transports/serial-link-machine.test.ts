import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeSerialFrame } from '../serial-framing.ts';
import { fromHex, hexOf } from '../test-support.ts';
import { ZvtTransportError } from './errors.ts';
import { type SerialAction, SerialLinkMachine } from './serial-link-machine.ts';

const POLICY = { ackTimeoutMs: 100, interByteTimeoutMs: 20, maxSendAttempts: 3, maxReceiveAttempts: 3 };
const ACK_FRAME = fromHex('10 02 80 00 00 10 03 F5 1F'); // docs/zvt.md §2.1 worked vector
const writes = (actions: SerialAction[]): string[] =>
  actions.flatMap((a) => (a.type === 'write' ? [hexOf(a.bytes)] : []));
const ofType = <T extends SerialAction['type']>(actions: SerialAction[], type: T) =>
  actions.filter((a): a is Extract<SerialAction, { type: T }> => a.type === type);

describe('SerialLinkMachine: sending', () => {
  it('writes the framed APDU, starts T3, and settles the send on the ACK byte', () => {
    const m = new SerialLinkMachine(POLICY);
    const { id, actions } = m.send(fromHex('80 00 00'));
    expect(writes(actions)).toEqual([hexOf(ACK_FRAME)]);
    expect(actions).toContainEqual({ type: 'start_timer', timer: 'ack', ms: 100 });
    const acked = m.bytes(fromHex('06'));
    expect(acked).toContainEqual({ type: 'sent', id });
    expect(acked).toContainEqual({ type: 'stop_timer', timer: 'ack' });
    expect(m.sending).toBe(false);
  });

  it('accepts DLE ACK (10 06) as the ACK', () => {
    const m = new SerialLinkMachine(POLICY);
    const { id } = m.send(fromHex('80 00 00'));
    expect(ofType(m.bytes(fromHex('10 06')), 'sent')).toEqual([{ type: 'sent', id }]);
  });

  it('repeats the same frame on NAK and gives up with zvt.nak_limit after maxSendAttempts sends', () => {
    const m = new SerialLinkMachine(POLICY);
    const { id, actions } = m.send(fromHex('06 01 00'));
    const frame = writes(actions)[0];
    expect(writes(m.bytes(fromHex('15')))).toEqual([frame]);
    expect(writes(m.bytes(fromHex('15')))).toEqual([frame]);
    const last = m.bytes(fromHex('15'));
    expect(writes(last)).toEqual([]);
    const [failed] = ofType(last, 'send_failed');
    expect(failed?.id).toBe(id);
    expect(failed?.error).toBeInstanceOf(ZvtTransportError);
    expect(failed?.error.code).toBe('zvt.nak_limit');
  });

  it('NAK NAK (15 15) counts as one refusal', () => {
    const m = new SerialLinkMachine(POLICY);
    m.send(fromHex('06 01 00'));
    expect(writes(m.bytes(fromHex('15 15')))).toHaveLength(1);
    expect(ofType(m.bytes(fromHex('06')), 'sent')).toHaveLength(1);
  });

  it('repeats on T3 silence and fails with zvt.timeout when no ACK ever comes', () => {
    const m = new SerialLinkMachine(POLICY);
    const { id } = m.send(fromHex('06 01 00'));
    expect(writes(m.timer('ack'))).toHaveLength(1);
    expect(writes(m.timer('ack'))).toHaveLength(1);
    const [failed] = ofType(m.timer('ack'), 'send_failed');
    expect(failed).toMatchObject({ id, error: { code: 'zvt.timeout' } });
  });

  it('sends queued frames one at a time, in order', () => {
    const m = new SerialLinkMachine(POLICY);
    const a = m.send(fromHex('80 00 00'));
    const b = m.send(fromHex('06 B0 00'));
    expect(writes(b.actions)).toEqual([]);
    const afterAck = m.bytes(fromHex('06'));
    expect(ofType(afterAck, 'sent')).toEqual([{ type: 'sent', id: a.id }]);
    expect(writes(afterAck)).toEqual([hexOf(encodeSerialFrame(fromHex('06 B0 00')))]);
  });

  it('ignores a stray ACK when nothing is in flight', () => {
    expect(new SerialLinkMachine(POLICY).bytes(fromHex('06'))).toEqual([]);
  });

  it('close() fails every pending send and refuses new ones', () => {
    const m = new SerialLinkMachine(POLICY);
    m.send(fromHex('80 00 00'));
    m.send(fromHex('06 B0 00'));
    const failed = ofType(m.close('unplugged'), 'send_failed');
    expect(failed.map((f) => f.error.code)).toEqual(['zvt.connection_lost', 'zvt.connection_lost']);
    expect(ofType(m.send(fromHex('80 00 00')).actions, 'send_failed')[0]?.error.code).toBe('zvt.link_closed');
  });
});

describe('SerialLinkMachine: receiving', () => {
  it('ACKs a good frame and delivers the unstuffed APDU', () => {
    const m = new SerialLinkMachine(POLICY);
    const apdu = fromHex('06 01 07 04 00 00 00 00 10 00');
    const actions = m.bytes(encodeSerialFrame(apdu));
    expect(writes(actions)).toEqual(['06']);
    expect(ofType(actions, 'received').map((r) => hexOf(r.apdu))).toEqual([hexOf(apdu)]);
  });

  it('NAKs a corrupted CRC; after maxReceiveAttempts bad frames in a row it reports the error', () => {
    const m = new SerialLinkMachine(POLICY);
    const bad = ACK_FRAME.slice();
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0xff;
    for (let i = 1; i < 3; i++) {
      const a = m.bytes(bad);
      expect(writes(a)).toEqual(['15']);
      expect(ofType(a, 'receive_failed')).toEqual([]);
    }
    const third = m.bytes(bad);
    expect(writes(third)).toEqual(['15']);
    expect(ofType(third, 'receive_failed')[0]?.error.code).toBe('zvt.crc_mismatch');
  });

  it('a good repeat after a bad frame resets the count', () => {
    const m = new SerialLinkMachine(POLICY);
    const bad = ACK_FRAME.slice();
    bad[2] = 0x81;
    m.bytes(bad);
    m.bytes(bad);
    expect(ofType(m.bytes(ACK_FRAME), 'received')).toHaveLength(1);
    m.bytes(bad);
    expect(ofType(m.bytes(bad), 'receive_failed')).toEqual([]);
  });

  it('runs T1 inside a frame only, and a frame stalled past T1 is dropped and NAKed', () => {
    const m = new SerialLinkMachine(POLICY);
    expect(m.bytes(ACK_FRAME.subarray(0, 4))).toContainEqual({ type: 'start_timer', timer: 't1', ms: 20 });
    expect(writes(m.timer('t1'))).toEqual(['15']);
    // The rest of the stalled frame is now noise, and the next whole frame is read normally.
    m.bytes(ACK_FRAME.subarray(4));
    const next = m.bytes(ACK_FRAME);
    expect(ofType(next, 'received')).toHaveLength(1);
    expect(m.bytes(ACK_FRAME.subarray(0, 3))).toContainEqual({ type: 'start_timer', timer: 't1', ms: 20 });
    expect(m.bytes(ACK_FRAME.subarray(3))).toContainEqual({ type: 'stop_timer', timer: 't1' });
  });

  it('tolerates garbage between frames and frames split into single bytes', () => {
    const m = new SerialLinkMachine(POLICY);
    const stream = [...fromHex('00 FF 55 AA 03 10 41'), ...ACK_FRAME, ...fromHex('7E 7F'), ...ACK_FRAME];
    const actions = stream.flatMap((b) => m.bytes(Uint8Array.of(b)));
    expect(ofType(actions, 'received')).toHaveLength(2);
    expect(writes(actions)).toEqual(['06', '06']);
    expect(ofType(actions, 'garbage').reduce((n, g) => n + g.count, 0)).toBe(9);
  });

  it('any chunking of a stream of frames delivers the same APDUs', () => {
    const apduArb = fc
      .tuple(
        fc.constantFrom(0x04, 0x06, 0x80),
        fc.integer({ min: 0, max: 255 }),
        fc.uint8Array({ maxLength: 40 }),
      )
      .map(([c, i, d]) => Uint8Array.of(c, i, d.length, ...d));
    fc.assert(
      fc.property(fc.array(apduArb, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(12)), (apdus, cuts) => {
        const stream = Uint8Array.from(apdus.flatMap((a) => [...encodeSerialFrame(a)]));
        const m = new SerialLinkMachine(POLICY);
        const got: string[] = [];
        let at = 0;
        let i = 0;
        while (at < stream.length) {
          const size = 1 + (cuts[i++ % Math.max(1, cuts.length)] ?? 0);
          for (const r of ofType(m.bytes(stream.subarray(at, at + size)), 'received'))
            got.push(hexOf(r.apdu));
          at += size;
        }
        expect(got).toEqual(apdus.map(hexOf));
      }),
    );
  });

  it('no byte sequence makes it throw', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 30 }), { maxLength: 10 }), (chunks) => {
        const m = new SerialLinkMachine(POLICY);
        m.send(fromHex('80 00 00'));
        for (const c of chunks) {
          m.bytes(c);
          m.timer('t1');
        }
      }),
    );
  });
});
