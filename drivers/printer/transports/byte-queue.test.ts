import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PrinterTransportError } from '../errors.ts';
import { ByteQueue } from './byte-queue.ts';
import { openTcpTransport } from './tcp.ts';

describe('ByteQueue', () => {
  it('serves bytes already there, then waits for the rest', async () => {
    const queue = new ByteQueue();
    queue.push(Uint8Array.of(1, 2, 3));
    expect([...(await queue.read(2, 10))]).toEqual([1, 2]);
    const pending = queue.read(3, 1000);
    queue.push(Uint8Array.of(4));
    queue.push(Uint8Array.of(5, 6));
    expect([...(await pending)]).toEqual([3, 4, 5]);
    expect([...(await queue.read(5, 10))]).toEqual([6]);
  });

  it('resolves with what came when the time is up', async () => {
    const queue = new ByteQueue();
    const pending = queue.read(4, 30);
    queue.push(Uint8Array.of(9));
    expect([...(await pending)]).toEqual([9]);
  });

  it('takes only what is there with a zero timeout, and refuses a second read at the same time', async () => {
    const queue = new ByteQueue();
    queue.push(Uint8Array.of(1));
    expect([...(await queue.read(64, 0))]).toEqual([1]);
    const first = queue.read(1, 30);
    await expect(queue.read(1, 30)).rejects.toBeInstanceOf(PrinterTransportError);
    expect((await first).length).toBe(0);
  });

  it('rejects the pending read and later ones after a failure', async () => {
    const queue = new ByteQueue();
    const pending = queue.read(1, 1000);
    queue.fail(new PrinterTransportError('closed'));
    await expect(pending).rejects.toBeInstanceOf(PrinterTransportError);
    await expect(queue.read(1, 10)).rejects.toBeInstanceOf(PrinterTransportError);
  });
});

describe('openTcpTransport', () => {
  it('gives a transport error when nothing listens on the port', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (address === null || typeof address === 'string') throw new Error('no port');
    await expect(openTcpTransport({ host: '127.0.0.1', port: address.port })).rejects.toBeInstanceOf(
      PrinterTransportError,
    );
  });
});
