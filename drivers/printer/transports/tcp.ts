import { connect, type Socket } from 'node:net';
import { PrinterTransportError } from '../errors.ts';
import { ByteQueue } from './byte-queue.ts';
import type { PrinterTransport } from './transport.ts';

export interface TcpTransportOptions {
  readonly host: string;
  /** Raw AppSocket/JetDirect port (escpos.md §8). */
  readonly port?: number;
  readonly connectTimeoutMs?: number;
}

/**
 * Raw TCP (port 9100): bidirectional, so DLE EOT status works. Printers often take one connection
 * at a time, so keep one open and make a new transport after an error.
 */
export function openTcpTransport(options: TcpTransportOptions): Promise<PrinterTransport> {
  const port = options.port ?? 9100;
  const where = `${options.host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket = connect({ host: options.host, port, timeout: options.connectTimeoutMs ?? 3000 });
    const onConnectError = (error: Error): void => {
      socket.destroy();
      reject(new PrinterTransportError(`TCP connect to ${where} failed: ${error.message}`, { cause: error }));
    };
    socket.once('error', onConnectError);
    socket.once('timeout', () => onConnectError(new Error('connect timeout')));
    socket.once('connect', () => {
      socket.off('error', onConnectError);
      socket.removeAllListeners('timeout');
      socket.setTimeout(0);
      socket.setNoDelay(true);
      resolve(new TcpTransport(socket, where));
    });
  });
}

class TcpTransport implements PrinterTransport {
  private readonly queue = new ByteQueue();
  private readonly socket: Socket;
  private readonly where: string;

  constructor(socket: Socket, where: string) {
    this.socket = socket;
    this.where = where;
    socket.on('data', (chunk: Buffer) => this.queue.push(chunk));
    socket.on('error', (error) =>
      this.queue.fail(new PrinterTransportError(`TCP ${where}: ${error.message}`, { cause: error })),
    );
    socket.on('close', () => this.queue.fail(new PrinterTransportError(`TCP ${where} closed`)));
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.destroyed || !this.socket.writable) {
        reject(new PrinterTransportError(`TCP ${this.where} is not writable`));
        return;
      }
      this.socket.write(bytes, (error) =>
        error
          ? reject(new PrinterTransportError(`TCP ${this.where} write: ${error.message}`, { cause: error }))
          : resolve(),
      );
    });
  }

  read(count: number, timeoutMs: number): Promise<Uint8Array> {
    return this.queue.read(count, timeoutMs);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) {
        resolve();
        return;
      }
      const timer = setTimeout(() => this.socket.destroy(), 1000);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.end();
    });
  }
}
