/**
 * A serial barcode scanner on the far end of a pty: each scan() writes one line as a real scanner
 * would (line-format.ts), optionally cut in chunks with pauses, as a slow UART or USB packets deliver it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { ScannerSimError } from './errors.ts';
import { encodeScanLine, type LineFormat } from './line-format.ts';
import { type PtyPair, startPtyPair } from './pty.ts';

export interface ScanDelivery {
  /** Bytes per write; the whole line at once by default. */
  readonly chunkSize?: number;
  /** Pause between chunks, in ms. */
  readonly chunkDelayMs?: number;
}

export interface SimulatedScannerOptions extends LineFormat {
  /** The path the kiosk opens (a symlink socat creates). */
  readonly kioskPath: string;
  /** Baud rate of the simulator's end; a pty ignores it, a real null-modem cable does not. */
  readonly baudRate?: number;
}

function portError(detail: string, cause?: unknown): ScannerSimError {
  return new ScannerSimError(
    'scanner_sim.port_failed',
    'El escáner simulado no puede escribir en su puerto serie.',
    detail,
    cause === undefined ? undefined : { cause },
  );
}

export class SimulatedSerialScanner {
  readonly kioskPath: string;
  private readonly port: SerialPort;
  private readonly pty: PtyPair;
  private readonly format: LineFormat;
  private readonly workDir: string;

  private constructor(port: SerialPort, pty: PtyPair, format: LineFormat, workDir: string) {
    this.port = port;
    this.pty = pty;
    this.format = format;
    this.workDir = workDir;
    this.kioskPath = pty.kioskPath;
  }

  /** Creates the pty pair (kiosk end at `kioskPath`) and opens the simulator's end. */
  static async start(options: SimulatedScannerOptions): Promise<SimulatedSerialScanner> {
    const workDir = mkdtempSync(join(tmpdir(), 'scanner-sim-'));
    let pty: PtyPair | undefined;
    try {
      pty = await startPtyPair(join(workDir, 'scanner'), options.kioskPath);
      const port = new SerialPort({
        path: pty.simulatorPath,
        baudRate: options.baudRate ?? 9600,
        autoOpen: false,
      });
      await new Promise<void>((resolve, reject) =>
        port.open((error) =>
          error ? reject(portError(`open ${pty?.simulatorPath}: ${error.message}`, error)) : resolve(),
        ),
      );
      // Whatever the kiosk writes (some drivers send wake-up or trigger commands) is read and ignored.
      port.on('data', () => undefined);
      port.on('error', () => undefined);
      return new SimulatedSerialScanner(port, pty, options, workDir);
    } catch (error) {
      await pty?.close();
      rmSync(workDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Writes one scan of `data`; resolves once the bytes have left for the pty. */
  async scan(data: string, delivery: ScanDelivery = {}): Promise<void> {
    await this.writeRaw(encodeScanLine(data, this.format), delivery);
  }

  /** Writes bytes as they are: noise, half lines, lines too long, to test the kiosk's decoder. */
  async writeRaw(bytes: Uint8Array, delivery: ScanDelivery = {}): Promise<void> {
    const size = Math.max(1, Math.floor(delivery.chunkSize ?? bytes.length));
    for (let at = 0; at < bytes.length; at += size) {
      if (at > 0 && (delivery.chunkDelayMs ?? 0) > 0) {
        await new Promise((resolve) => setTimeout(resolve, delivery.chunkDelayMs));
      }
      await this.write(bytes.subarray(at, at + size));
    }
  }

  private write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.port.isOpen) {
        reject(portError('the simulator port is closed'));
        return;
      }
      this.port.write(Buffer.from(bytes), (error) => {
        if (error) reject(portError(`write: ${error.message}`, error));
        else this.port.drain(() => resolve());
      });
    });
  }

  /** Closes the port, stops socat and removes the links; idempotent. */
  async stop(): Promise<void> {
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
    await this.pty.close();
    rmSync(this.workDir, { recursive: true, force: true });
  }
}
