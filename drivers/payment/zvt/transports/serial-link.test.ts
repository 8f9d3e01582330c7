import { describe, expect, it } from 'vitest';
import { POSITIVE_ACK, apdu } from '../apdu.ts';
import { encodeSerialFrame } from '../serial-framing.ts';
import { fromHex, hexOf } from '../test-support.ts';
import { ZvtTransportError } from './errors.ts';
import { type ByteChannel, SerialZvtLink } from './serial-link.ts';

/** The line as the link sees it: what it wrote, and a way to feed it bytes or pull the plug. */
class FakeLine implements ByteChannel {
  readonly written: string[] = [];
  onWrite: (bytes: Uint8Array) => void = () => {};
  #data: (bytes: Uint8Array) => void = () => {};
  #close: (detail: string) => void = () => {};
  closed = false;
  write(bytes: Uint8Array): void {
    this.written.push(hexOf(bytes));
    this.onWrite(bytes);
  }
  onData(listener: (bytes: Uint8Array) => void): void {
    this.#data = listener;
  }
  onClose(listener: (detail: string) => void): void {
    this.#close = listener;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  feed(bytes: Uint8Array): void {
    this.#data(bytes);
  }
  unplug(): void {
    this.#close('unplugged');
  }
}

const POLICY = { ackTimeoutMs: 30, interByteTimeoutMs: 20, maxSendAttempts: 3, maxReceiveAttempts: 3 };

async function linkOn(line: FakeLine): Promise<SerialZvtLink> {
  const link = new SerialZvtLink({ open: async () => line, policy: POLICY });
  await link.connect();
  return link;
}

describe('SerialZvtLink', () => {
  it('is closed until connected, and send fails with a typed error', async () => {
    const link = new SerialZvtLink({ open: async () => new FakeLine(), policy: POLICY });
    expect((await link.receive(10)).kind).toBe('closed');
    await expect(link.send(POSITIVE_ACK)).rejects.toMatchObject({ code: 'zvt.connection_lost' });
  });

  it('send resolves only once the terminal ACKs the frame', async () => {
    const line = new FakeLine();
    const link = await linkOn(line);
    let done = false;
    const sent = link.send(POSITIVE_ACK).then(() => {
      done = true;
    });
    await Promise.resolve();
    expect(line.written).toEqual(['10 02 80 00 00 10 03 F5 1F']);
    expect(done).toBe(false);
    line.feed(fromHex('06'));
    await sent;
    expect(done).toBe(true);
  });

  it('resends on NAK and rejects with zvt.nak_limit after three NAKs', async () => {
    const line = new FakeLine();
    line.onWrite = (b) => {
      if (b.length > 1) queueMicrotask(() => line.feed(fromHex('15')));
    };
    const link = await linkOn(line);
    const error = await link.send(POSITIVE_ACK).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZvtTransportError);
    expect(error).toMatchObject({ code: 'zvt.nak_limit' });
    expect(line.written.filter((w) => w.startsWith('10 02'))).toHaveLength(3);
  });

  it('rejects with zvt.timeout when the terminal never ACKs (three sends, T3 each)', async () => {
    const line = new FakeLine();
    const link = await linkOn(line);
    const t0 = Date.now();
    await expect(link.send(POSITIVE_ACK)).rejects.toMatchObject({ code: 'zvt.timeout' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(80);
    expect(line.written).toHaveLength(3);
  });

  it('reassembles a frame fed one byte at a time among garbage, ACKs it and delivers the APDU', async () => {
    const line = new FakeLine();
    const link = await linkOn(line);
    const frame = encodeSerialFrame(fromHex('04 FF 02 0A 3C'));
    for (const b of [...fromHex('AA 00 7F'), ...frame]) line.feed(Uint8Array.of(b));
    const r = await link.receive(100);
    expect(r.kind === 'apdu' && r.apdu.control).toBe(0x04ff);
    expect(line.written).toEqual(['06']);
  });

  it('NAKs a corrupted frame and delivers the good repeat', async () => {
    const line = new FakeLine();
    const link = await linkOn(line);
    const frame = encodeSerialFrame(fromHex('06 0F 00'));
    const bad = frame.slice();
    bad[bad.length - 2] = bad[bad.length - 2]! ^ 1;
    line.feed(bad);
    line.feed(frame);
    const r = await link.receive(100);
    expect(r.kind === 'apdu' && r.apdu.control).toBe(0x060f);
    expect(line.written).toEqual(['15', '06']);
  });

  it('a good frame whose APDU is malformed arrives as a decode error', async () => {
    const line = new FakeLine();
    const link = await linkOn(line);
    line.feed(encodeSerialFrame(fromHex('06 0F 05 00')));
    expect(await link.receive(100)).toMatchObject({ kind: 'error', error: { code: 'zvt.apdu_truncated' } });
  });

  it('losing the port fails the pending send and ends receive with closed', async () => {
    const line = new FakeLine();
    const link = await linkOn(line);
    const pending = link.send(apdu(0x0601, fromHex('04 00 00 00 00 01 00')));
    const waiting = link.receive(1_000);
    line.unplug();
    await expect(pending).rejects.toMatchObject({ code: 'zvt.connection_lost' });
    expect((await waiting).kind).toBe('closed');
    // connect() opens a fresh channel afterwards.
    await link.connect();
    expect(link.connected).toBe(true);
  });

  it('discardStale drops late messages; close releases the port', async () => {
    const line = new FakeLine();
    const link = await linkOn(line);
    line.feed(encodeSerialFrame(fromHex('06 1E 01 6C')));
    expect(await link.discardStale()).toBe(1);
    expect((await link.receive(5)).kind).toBe('timeout');
    await link.close();
    expect(line.closed).toBe(true);
    await expect(link.connect()).rejects.toMatchObject({ code: 'zvt.link_closed' });
  });
});
