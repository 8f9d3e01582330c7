/**
 * `serialport` adapter for serial scanners (RS-232 or USB CDC-ACM): bytes → SerialLineDecoder → scans.
 *
 * Why the presence check: on Linux, reading a tty whose device was unplugged (or a pty whose other end
 * closed) returns 0 bytes, and @serialport/bindings-cpp retries such reads at once, forever, without an
 * event (serialport/bindings-cpp issue #162, PR #164). The port would look open while a core spins. So
 * the adapter checks every `presenceCheckMs` that the device path still exists (a /dev/ttyACM* node or a
 * /dev/serial/by-id link disappears on unplug) and closes the port when it does not.
 */
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { ScannerTransportError } from './errors.ts';
import { ScannerBase } from './scanner.ts';
import { SerialLineDecoder, type SerialLineOptions } from './serial-lines.ts';

export interface SerialScannerOptions extends SerialLineOptions {
  /** `/dev/ttyACM0`, `/dev/ttyUSB0`, a pty link… */
  readonly path: string;
  /** As set on the scanner; 9600 8N1 is the factory default of most (ASSUMPTION, check the model). */
  readonly baudRate?: number;
  readonly dataBits?: 7 | 8;
  readonly parity?: 'none' | 'even' | 'odd';
  readonly stopBits?: 1 | 2;
  /** How often to check that the device path still exists, in ms (default 1000; 0 turns it off). */
  readonly presenceCheckMs?: number;
}

export class SerialScanner extends ScannerBase {
  readonly mode = 'serial' as const;
  private readonly port: SerialPort;
  private closing = false;
  private lost = false;
  private readonly presenceTimer: NodeJS.Timeout | undefined;

  constructor(port: SerialPort, options: SerialLineOptions & { readonly presenceCheckMs?: number }) {
    super();
    this.port = port;
    const every = options.presenceCheckMs ?? 1000;
    if (every > 0) {
      this.presenceTimer = setInterval(() => {
        if (!existsSync(port.path)) this.lose(`serial ${port.path}: device path is gone`);
      }, every);
      this.presenceTimer.unref();
    }
    const decoder = new SerialLineDecoder(options);
    port.on('data', (chunk: Buffer) => {
      if (!this.closing) this.deliver(decoder.push(chunk));
    });
    port.on('error', (error: Error) => {
      if (!this.closing) {
        this.reportError(
          new ScannerTransportError(`serial ${port.path}: ${error.message}`, { cause: error }),
        );
      }
    });
    port.on('close', () => {
      decoder.reset();
      this.lose(`serial ${port.path} closed by the device`);
    });
  }

  /** The device went away: say so once, stop checking, release the port. */
  private lose(detail: string): void {
    clearInterval(this.presenceTimer);
    if (this.closing || this.lost) return;
    this.lost = true;
    this.reportError(new ScannerTransportError(detail));
    this.setState('disconnected');
    if (this.port.isOpen) this.port.close();
  }

  close(): Promise<void> {
    clearInterval(this.presenceTimer);
    if (this.closing) return Promise.resolve();
    this.closing = true;
    this.setState('closed');
    return new Promise((resolve) => {
      if (!this.port.isOpen) {
        resolve();
        return;
      }
      this.port.close(() => resolve());
    });
  }
}

export function openSerialScanner(options: SerialScannerOptions): Promise<SerialScanner> {
  const port = new SerialPort({
    path: options.path,
    baudRate: options.baudRate ?? 9600,
    dataBits: options.dataBits ?? 8,
    parity: options.parity ?? 'none',
    stopBits: options.stopBits ?? 1,
    autoOpen: false,
  });
  return new Promise((resolve, reject) => {
    port.open((error) => {
      if (error) {
        reject(new ScannerTransportError(`cannot open ${options.path}: ${error.message}`, { cause: error }));
      } else {
        resolve(new SerialScanner(port, options));
      }
    });
  });
}
