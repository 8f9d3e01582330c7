/**
 * Thin I/O: ZVT over TCP (zvt.md §2.2) — raw APDUs on the socket, no framing, no CRC, no byte ACKs.
 * Each connection becomes an ApduLink served by the terminal.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { ApduReassembler } from './apdu.ts';
import { type ApduLink, ApduQueue, linkClosedError } from './apdu-queue.ts';
import { SimulatorSetupError } from './errors.ts';

export class TcpLink implements ApduLink {
  readonly #socket: Socket;
  readonly #queue = new ApduQueue();
  readonly #reassembler = new ApduReassembler();
  #muted = false;

  constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      if (this.#muted) return;
      for (const apdu of this.#reassembler.push(new Uint8Array(chunk))) this.#queue.push(apdu);
    });
    socket.on('close', () => this.#queue.close());
    socket.on('error', () => this.#queue.close());
  }

  get closed(): boolean {
    return this.#queue.closed;
  }

  setMuted(muted: boolean): void {
    this.#muted = muted;
    this.#reassembler.reset();
    this.#queue.clear();
  }

  receive(timeoutMs: number): Promise<Uint8Array | undefined> {
    return this.#queue.receive(timeoutMs);
  }

  send(apdu: Uint8Array): Promise<void> {
    if (this.closed || this.#socket.destroyed)
      return Promise.reject(linkClosedError('send on a closed socket'));
    return new Promise((resolve, reject) => {
      this.#socket.write(apdu, (error) => (error ? reject(linkClosedError(error.message)) : resolve()));
    });
  }

  destroy(): void {
    this.#socket.destroy();
    this.#queue.close();
  }
}

export interface TcpListener {
  readonly server: Server;
  readonly port: number;
  readonly links: ReadonlySet<TcpLink>;
  close(): Promise<void>;
}

/** Listens on host:port (port 0 = any free port) and hands every connection to `onLink`. */
export function listenTcp(host: string, port: number, onLink: (link: TcpLink) => void): Promise<TcpListener> {
  const links = new Set<TcpLink>();
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    const link = new TcpLink(socket);
    links.add(link);
    socket.on('close', () => links.delete(link));
    onLink(link);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error) => {
      reject(
        new SimulatorSetupError(
          'zvtsim.listen_failed',
          'El terminal de pago simulado no puede escuchar en el puerto TCP.',
          `${host}:${port}: ${error.message}`,
        ),
      );
    });
    server.listen(port, host, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      resolve({
        server,
        port: bound,
        links,
        close: () =>
          new Promise<void>((done) => {
            for (const link of links) link.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
