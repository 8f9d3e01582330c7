import { SerialPort } from 'serialport';
import { PrinterTransportError } from '../errors.ts';
import { ByteQueue } from './byte-queue.ts';
import type { PrinterTransport } from './transport.ts';

export interface SerialTransportOptions {
  /** `/dev/ttyUSB0`, `/dev/ttyS0`… */
  readonly path: string;
  /** 9600–115200, as set on the printer's DIP/memory switches (escpos.md §8). */
  readonly baudRate: number;
  /** Flow control must match the printer: hardware RTS/CTS or software XON/XOFF. */
  readonly flowControl?: 'none' | 'rtscts' | 'xonxoff';
}

/** RS-232 or USB-serial printer (8N1) through `serialport`. */
export function openSerialTransport(options: SerialTransportOptions): Promise<PrinterTransport> {
  const flow = options.flowControl ?? 'none';
  const port = new SerialPort({
    path: options.path,
    baudRate: options.baudRate,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    rtscts: flow === 'rtscts',
    xon: flow === 'xonxoff',
    xoff: flow === 'xonxoff',
    autoOpen: false,
  });
  return new Promise((resolve, reject) => {
    port.open((error) => {
      if (error) {
        reject(new PrinterTransportError(`serial open ${options.path}: ${error.message}`, { cause: error }));
      } else {
        resolve(new SerialTransport(port, options.path));
      }
    });
  });
}

class SerialTransport implements PrinterTransport {
  private readonly queue = new ByteQueue();
  private readonly port: SerialPort;
  private readonly path: string;

  constructor(port: SerialPort, path: string) {
    this.port = port;
    this.path = path;
    port.on('data', (chunk: Buffer) => this.queue.push(chunk));
    port.on('error', (error: Error) =>
      this.queue.fail(new PrinterTransportError(`serial ${path}: ${error.message}`, { cause: error })),
    );
    port.on('close', () => this.queue.fail(new PrinterTransportError(`serial ${path} closed`)));
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      const fail = (error: Error): void =>
        reject(new PrinterTransportError(`serial ${this.path} write: ${error.message}`, { cause: error }));
      if (!this.port.isOpen) {
        fail(new Error('port is closed'));
        return;
      }
      this.port.write(Buffer.from(bytes), (error) => {
        if (error) fail(error);
        else this.port.drain((drainError) => (drainError ? fail(drainError) : resolve()));
      });
    });
  }

  read(count: number, timeoutMs: number): Promise<Uint8Array> {
    return this.queue.read(count, timeoutMs);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.port.isOpen) {
        resolve();
        return;
      }
      this.port.close(() => resolve());
    });
  }
}
