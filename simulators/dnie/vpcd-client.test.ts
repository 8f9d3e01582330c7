import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DnieCard } from './card/dnie-card.ts';
import { df, ef, MF_NAME } from './card/file-system.ts';
import { ATR_DNIE3 } from './personas.ts';
import { VpcdCardClient } from './vpcd-client.ts';
import { encodeFrame, FrameReader } from './vpcd-protocol.ts';

/** Plays vpcd's side on a loopback port chosen by the OS. */
async function fakeVpcd(): Promise<{ server: Server; port: number; peer: Promise<FakePeer> }> {
  let accept: (peer: FakePeer) => void = () => undefined;
  const peer = new Promise<FakePeer>((resolve) => {
    accept = resolve;
  });
  const server = createServer((socket) => accept(new FakePeer(socket)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port, peer };
}

class FakePeer {
  readonly socket: Socket;
  readonly #frames: Uint8Array[] = [];
  readonly #waiters: Array<(frame: Uint8Array | undefined) => void> = [];
  closed = false;

  constructor(socket: Socket) {
    this.socket = socket;
    const reader = new FrameReader();
    socket.on('data', (chunk) => {
      for (const frame of reader.push(chunk)) {
        const waiter = this.#waiters.shift();
        if (waiter) waiter(frame);
        else this.#frames.push(frame);
      }
    });
    socket.on('close', () => {
      this.closed = true;
      for (const waiter of this.#waiters.splice(0)) waiter(undefined);
    });
  }

  /** Sends a payload and, when `reply`, waits for one framed answer (undefined: the card hung up). */
  send(payload: number[], reply = true): Promise<Uint8Array | undefined> {
    this.socket.write(encodeFrame(Uint8Array.from(payload)));
    if (!reply) return Promise.resolve(undefined);
    const queued = this.#frames.shift();
    if (queued) return Promise.resolve(queued);
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }
}

const h = (bytes: Uint8Array | undefined): string | undefined =>
  bytes === undefined ? undefined : Buffer.from(bytes).toString('hex').toUpperCase();

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

function card(): DnieCard {
  return new DnieCard({
    atr: ATR_DNIE3,
    serial: Uint8Array.of(1, 2, 3, 4, 5, 6, 7),
    mf: df(0x3f00, [ef(0x0006, new TextEncoder().encode('BMP100001'))], MF_NAME),
  });
}

describe('VpcdCardClient against a fake vpcd', () => {
  it('answers get-ATR, powers on, answers APDUs and clears state on reset', async () => {
    const vpcd = await fakeVpcd();
    const client = new VpcdCardClient({ card: card(), port: vpcd.port });
    cleanup.push(
      () => new Promise((r) => vpcd.server.close(r)),
      () => client.remove(),
    );
    await client.insert();
    const peer = await vpcd.peer;
    expect(h(await peer.send([0x04]))).toBe(h(ATR_DNIE3));
    await peer.send([0x01], false);
    expect(h(await peer.send([0x00, 0xa4, 0x00, 0x0c, 0x02, 0x00, 0x06]))).toBe('9000');
    expect(client.card.currentEf?.fid).toBe(0x0006);
    await peer.send([0x02], false);
    expect(h(await peer.send([0x00, 0xb0, 0x00, 0x00, 0x04]))).toBe('6986'); // reset dropped the current EF
  });

  it('closes the connection instead of answering once removeAfterApdus is reached', async () => {
    const vpcd = await fakeVpcd();
    const client = new VpcdCardClient({ card: card(), port: vpcd.port, faults: { removeAfterApdus: 1 } });
    cleanup.push(
      () => new Promise((r) => vpcd.server.close(r)),
      () => client.remove(),
    );
    const removed = new Promise<void>((resolve) => client.once('removed', () => resolve()));
    await client.insert();
    const peer = await vpcd.peer;
    expect(h(await peer.send([0x90, 0xb8, 0x00, 0x00, 0x07]))).toBe('010203040506079000');
    expect(await peer.send([0x90, 0xb8, 0x00, 0x00, 0x07])).toBeUndefined();
    await removed;
    expect(client.inserted).toBe(false);
  });

  it('answers one garbage byte in garbage mode and reports a refused connection as DnieSimError', async () => {
    const vpcd = await fakeVpcd();
    const client = new VpcdCardClient({ card: card(), port: vpcd.port, faults: { garbageAfterApdus: 0 } });
    cleanup.push(
      () => new Promise((r) => vpcd.server.close(r)),
      () => client.remove(),
    );
    await client.insert();
    const peer = await vpcd.peer;
    expect(h(await peer.send([0x90, 0xb8, 0x00, 0x00, 0x07]))).toBe('42');
    const closed = await fakeVpcd();
    await new Promise((r) => closed.server.close(r));
    const nobody = new VpcdCardClient({ card: card(), port: closed.port });
    await expect(nobody.insert()).rejects.toMatchObject({ code: 'dnie_sim.connect_failed' });
  });
});
