import { describe, expect, it } from 'vitest';
import { hex } from './bcd.ts';
import { encodeFrame } from './serial-frame.ts';
import { type ByteChannel, SerialLink } from './serial-link.ts';

const bytes = (s: string): Uint8Array => Uint8Array.from(s.split(' ').map((x) => Number.parseInt(x, 16)));

/** The ECR end of a byte pipe: records what the PT wrote, injects what the ECR sends. */
class Pipe implements ByteChannel {
  written: Uint8Array[] = [];
  onWrite: (b: Uint8Array) => void = () => {};
  #data: (b: Uint8Array) => void = () => {};
  #close: () => void = () => {};
  write(b: Uint8Array): void {
    this.written.push(b);
    this.onWrite(b);
  }
  onData(listener: (b: Uint8Array) => void): void {
    this.#data = listener;
  }
  onClose(listener: () => void): void {
    this.#close = listener;
  }
  fromEcr(b: Uint8Array): void {
    this.#data(b);
  }
  close(): void {
    this.#close();
  }
}

describe('serial link (PT side)', () => {
  it('ACKs a good frame and delivers its APDU; NAKs a corrupted CRC', async () => {
    const pipe = new Pipe();
    const link = new SerialLink(pipe);
    pipe.fromEcr(bytes('10 02 06 01 07 04 00 00 00 00 10 10 00 10 03 62 91'));
    expect(pipe.written.map(hex)).toEqual(['06']);
    expect(hex((await link.receive(0))!)).toBe('06 01 07 04 00 00 00 00 10 00');
    pipe.fromEcr(bytes('10 02 06 01 07 04 00 00 00 00 10 10 00 10 03 62 92'));
    expect(pipe.written.map(hex)).toEqual(['06', '15']);
    expect(await link.receive(0)).toBeUndefined();
  });

  it('NAKs the next frames during a NAK storm, then accepts', async () => {
    const pipe = new Pipe();
    const link = new SerialLink(pipe);
    link.injectFaults({ nakIncoming: 2 });
    for (let i = 0; i < 3; i++) pipe.fromEcr(encodeFrame(bytes('06 02 00')));
    expect(pipe.written.map(hex)).toEqual(['15', '15', '06']);
    expect(hex((await link.receive(0))!)).toBe('06 02 00');
    expect(link.pendingFaults).toEqual({ nakIncoming: 0, corruptOutgoing: 0 });
  });

  it('sends frames, waits for ACK, repeats on NAK (here after a corrupted CRC)', async () => {
    const pipe = new Pipe();
    const link = new SerialLink(pipe);
    link.injectFaults({ corruptOutgoing: 1 });
    pipe.onWrite = (b) => {
      // The ECR checks the CRC: the first copy is corrupted, so it NAKs it.
      queueMicrotask(() => pipe.fromEcr(Uint8Array.of(pipe.written.length === 1 ? 0x15 : 0x06)));
      void b;
    };
    await link.send(bytes('80 00 00'));
    expect(pipe.written.map(hex)).toEqual(['10 02 80 00 00 10 03 0A E0', '10 02 80 00 00 10 03 F5 1F']);
  });

  it('gives up after three NAKs and when no ACK comes', async () => {
    const pipe = new Pipe();
    const link = new SerialLink(pipe, { ackTimeoutMs: 20 });
    pipe.onWrite = () => queueMicrotask(() => pipe.fromEcr(Uint8Array.of(0x15)));
    await expect(link.send(bytes('80 00 00'))).rejects.toMatchObject({ code: 'zvtsim.link_nak' });
    expect(pipe.written).toHaveLength(3);
    pipe.onWrite = () => {};
    await expect(link.send(bytes('80 00 00'))).rejects.toMatchObject({ code: 'zvtsim.link_no_ack' });
  });

  it('drops everything unanswered while muted, and closes with the channel', async () => {
    const pipe = new Pipe();
    const link = new SerialLink(pipe);
    link.setMuted(true);
    pipe.fromEcr(encodeFrame(bytes('06 02 00')));
    expect(pipe.written).toEqual([]);
    link.setMuted(false);
    pipe.close();
    expect(link.closed).toBe(true);
    await expect(link.receive(10)).rejects.toMatchObject({ code: 'zvtsim.link_closed' });
  });

  it('drops a frame that stalls longer than T1', async () => {
    const pipe = new Pipe();
    const link = new SerialLink(pipe, { interByteTimeoutMs: 10 });
    pipe.fromEcr(bytes('10 02 06 02'));
    await new Promise((r) => setTimeout(r, 30));
    pipe.fromEcr(encodeFrame(bytes('06 02 00')));
    expect(pipe.written.map(hex)).toEqual(['06']);
    expect(hex((await link.receive(0))!)).toBe('06 02 00');
  });
});
