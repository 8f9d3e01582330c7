import { type Server, type Socket, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { POSITIVE_ACK } from '../apdu.ts';
import { fromHex, hexOf } from '../test-support.ts';
import { TcpZvtLink } from './tcp-link.ts';

let server: Server | undefined;
const links: TcpZvtLink[] = [];

/** A loopback server on a free port; `onSocket` plays the terminal. */
function serve(onSocket: (socket: Socket) => void): Promise<number> {
  return new Promise((resolve) => {
    server = createServer((socket) => {
      socket.on('error', () => {}); // the link under test resets connections on purpose
      onSocket(socket);
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server?.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

function link(port: number, connectTimeoutMs?: number): TcpZvtLink {
  const l = new TcpZvtLink({ host: '127.0.0.1', port, ...(connectTimeoutMs ? { connectTimeoutMs } : {}) });
  links.push(l);
  return l;
}

afterEach(async () => {
  for (const l of links.splice(0)) await l.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('TcpZvtLink', () => {
  it('connection refused is a typed zvt.connect_refused', async () => {
    const port = await serve(() => {});
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    await expect(link(port).connect()).rejects.toMatchObject({ code: 'zvt.connect_refused' });
  });

  it('sends raw APDUs and reassembles APDUs split and joined across TCP chunks', async () => {
    const received: string[] = [];
    const port = await serve((socket) => {
      socket.on('data', (d) => {
        received.push(hexOf(d));
        // 80 00 00 split in two writes, then 04 FF and 06 0F in one.
        socket.write(fromHex('80'));
        setTimeout(() => socket.write(fromHex('00 00 04 FF 02 0A 3C 06 0F 00')), 5);
      });
    });
    const l = link(port);
    await l.connect();
    await l.send(POSITIVE_ACK);
    const controls: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await l.receive(1_000);
      if (r.kind === 'apdu') controls.push(r.apdu.control);
    }
    expect(received).toEqual(['80 00 00']);
    expect(controls).toEqual([0x8000, 0x04ff, 0x060f]);
  });

  it('the server dropping the connection ends receive with closed; connect() opens a new one', async () => {
    let connections = 0;
    const port = await serve((socket) => {
      connections++;
      if (connections === 1) setTimeout(() => socket.destroy(), 10);
    });
    const l = link(port);
    await l.connect();
    const r = await l.receive(2_000);
    expect(r).toMatchObject({ kind: 'closed' });
    expect(r.kind === 'closed' && r.detail).toContain('zvt.connection_lost');
    await expect(l.send(POSITIVE_ACK)).rejects.toMatchObject({ code: 'zvt.connection_lost' });
    await l.connect();
    expect(connections).toBe(2);
    expect(l.connected).toBe(true);
  });

  it('bytes that cannot start an APDU: one decode error, then the connection is dropped', async () => {
    const port = await serve((socket) => socket.write(fromHex('10 02 80 00 00')));
    const l = link(port);
    await l.connect();
    expect(await l.receive(1_000)).toMatchObject({
      kind: 'error',
      error: { code: 'zvt.apdu_unknown_class' },
    });
    expect((await l.receive(1_000)).kind).toBe('closed');
  });

  it('discardStale({ dropConnection }) forgets late APDUs and reconnects on the next connect()', async () => {
    let connections = 0;
    const port = await serve((socket) => {
      connections++;
      socket.write(fromHex('06 1E 01 6C'));
    });
    const l = link(port);
    await l.connect();
    await new Promise((r) => setTimeout(r, 30));
    expect(await l.discardStale({ dropConnection: true })).toBe(1);
    expect(l.connected).toBe(false);
    await l.connect();
    expect(connections).toBe(2);
  });

  it('close() is final', async () => {
    const port = await serve(() => {});
    const l = link(port);
    await l.connect();
    await l.close();
    await expect(l.connect()).rejects.toMatchObject({ code: 'zvt.link_closed' });
  });
});
