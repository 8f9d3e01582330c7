/**
 * The printer emulator on real operating-system channels: raw TCP (port 9100, AppSocket) and a
 * pseudo-terminal made by socat, opened with `serialport` (escpos.md §8). Both feed one printer, as a
 * real unit has one receive buffer; each answer goes back on the channel the request came from, and
 * automatic status back goes to every channel.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { PrinterSimError } from './errors.ts';
import type { PrintedDocument } from './page.ts';
import { EmulatedPrinter } from './printer.ts';
import { type PtyPair, startPtyPair } from './pty.ts';
import { renderDocumentPng } from './render.ts';
import { PRINTER_CONDITIONS, type PrinterConditionName, type PrinterState } from './status.ts';

export type PaperWidthMm = 58 | 80;

/** Printable dots per paper width at 203 dpi (escpos.md §7). */
export const PRINTABLE_DOTS: Record<PaperWidthMm, number> = { 58: 384, 80: 576 };

export type EmulatorOptions = {
  /** TCP port on `host`; 0 picks a free one; null disables TCP. Default 9100. */
  readonly tcpPort?: number | null;
  readonly host?: string;
  /** Path handed to the kiosk (a symlink to a pty); null disables the serial side. Default null. */
  readonly ptyLink?: string | null;
  /** Folder for PNG and text copies of every finished document; null keeps them in memory only. */
  readonly outDir?: string | null;
  /** How many finished documents to keep. Default 20. */
  readonly historySize?: number;
  readonly paperWidthMm?: PaperWidthMm;
  readonly baudRate?: number;
  readonly log?: (line: string) => void;
};

export type StoredDocument = PrintedDocument & {
  readonly png: Buffer;
  /** Where the PNG was saved, when an output folder is set. */
  readonly pngPath: string | null;
};

export type Listening = {
  readonly tcp: { readonly host: string; readonly port: number } | null;
  readonly pty: { readonly kioskPath: string; readonly emulatorPath: string } | null;
};

type DocumentListener = (doc: StoredDocument) => void;

export class PrinterEmulator {
  private readonly options: EmulatorOptions;
  private readonly printer: EmulatedPrinter;
  private readonly history: StoredDocument[] = [];
  private readonly listeners = new Set<DocumentListener>();
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  private pair: PtyPair | null = null;
  private port: SerialPort | null = null;
  private listening: Listening | null = null;

  constructor(options: EmulatorOptions = {}) {
    this.options = options;
    this.printer = new EmulatedPrinter({ paperWidthDots: PRINTABLE_DOTS[options.paperWidthMm ?? 80] });
  }

  async start(): Promise<Listening> {
    if (this.listening !== null) return this.listening;
    if (this.options.outDir) mkdirSync(this.options.outDir, { recursive: true });
    try {
      const tcp = await this.startTcp();
      const pty = await this.startPty();
      this.listening = { tcp, pty };
      return this.listening;
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  async stop(): Promise<void> {
    this.listening = null;
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    const pair = this.pair;
    this.pair = null;
    await pair?.close();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const server = this.server;
    this.server = null;
    if (server !== null) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  state(): PrinterState {
    return this.printer.state();
  }

  /** Changes the printer's condition at run time: a named condition or individual flags. */
  setState(change: PrinterConditionName | Partial<PrinterState>): PrinterState {
    const patch = typeof change === 'string' ? PRINTER_CONDITIONS[change] : change;
    const result = this.printer.setState(patch);
    if (result.reply.length > 0) this.broadcast(result.reply);
    for (const doc of result.finished) this.store(doc);
    return this.printer.state();
  }

  /**
   * Fault injection: paper runs out after `bytes` more received bytes, on any channel (null:
   * never). What follows is handled as with paper out; `setState('online')` loads a new roll.
   */
  runOutOfPaperAfter(bytes: number | null): void {
    this.printer.runOutOfPaperAfter(bytes);
  }

  /** Finished documents, oldest first (at most `historySize`). */
  documents(): readonly StoredDocument[] {
    return [...this.history];
  }

  /** The document still being printed (no cut yet). */
  pendingDocument(): PrintedDocument {
    return this.printer.pending();
  }

  lastDocumentPng(): Buffer | null {
    return this.history[this.history.length - 1]?.png ?? null;
  }

  onDocument(listener: DocumentListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the next finished document (tests, tools). */
  nextDocument(timeoutMs = 5000): Promise<StoredDocument> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(
          new PrinterSimError(
            'printer_sim.timeout',
            'La impresora simulada no ha terminado ningún documento.',
            `no cut within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      const off = this.onDocument((doc) => {
        clearTimeout(timer);
        off();
        resolve(doc);
      });
    });
  }

  /** Feeds bytes as if they came over a channel; exposed so tools can replay captured streams. */
  receive(bytes: Uint8Array): Uint8Array {
    const result = this.printer.receive(bytes);
    for (const doc of result.finished) this.store(doc);
    return result.reply;
  }

  private async startTcp(): Promise<Listening['tcp']> {
    const requested = this.options.tcpPort === undefined ? 9100 : this.options.tcpPort;
    if (requested === null) return null;
    const host = this.options.host ?? '127.0.0.1';
    const server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('data', (chunk: Buffer) => {
        const reply = this.receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if (reply.length > 0 && !socket.destroyed) socket.write(reply);
      });
      socket.on('error', () => socket.destroy());
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err) =>
        reject(
          new PrinterSimError(
            'printer_sim.listen_failed',
            'La impresora simulada no puede escuchar en el puerto TCP.',
            `${host}:${requested}: ${err.message}`,
            { cause: err },
          ),
        ),
      );
      server.listen(requested, host, () => resolve());
    });
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : requested;
    this.options.log?.(`printer emulator: TCP ${host}:${port}`);
    return { host, port };
  }

  private async startPty(): Promise<Listening['pty']> {
    const kioskPath = this.options.ptyLink ?? null;
    if (kioskPath === null) return null;
    const emulatorPath = `${kioskPath}-emulator`;
    this.pair = await startPtyPair(emulatorPath, kioskPath);
    const port = new SerialPort({
      path: emulatorPath,
      baudRate: this.options.baudRate ?? 115200,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) =>
      port.open((err) =>
        err
          ? reject(
              new PrinterSimError(
                'printer_sim.pty_failed',
                'No se pudo abrir el puerto serie virtual de la impresora.',
                `${emulatorPath}: ${err.message}`,
                { cause: err },
              ),
            )
          : resolve(),
      ),
    );
    port.on('data', (chunk: Buffer) => {
      const reply = this.receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      if (reply.length > 0 && port.isOpen) port.write(Buffer.from(reply));
    });
    port.on('error', (err) => this.options.log?.(`printer emulator: serial error ${err.message}`));
    this.port = port;
    this.options.log?.(`printer emulator: serial ${kioskPath} (emulator end ${emulatorPath})`);
    return { kioskPath, emulatorPath };
  }

  private broadcast(bytes: Uint8Array): void {
    for (const socket of this.sockets) if (!socket.destroyed) socket.write(bytes);
    if (this.port?.isOpen) this.port.write(Buffer.from(bytes));
  }

  private store(doc: PrintedDocument): void {
    const png = renderDocumentPng(doc);
    let pngPath: string | null = null;
    const dir = this.options.outDir;
    if (dir) {
      const base = `receipt-${String(doc.sequence).padStart(4, '0')}${doc.complete ? '' : '-incomplete'}`;
      pngPath = join(dir, `${base}.png`);
      writeFileSync(pngPath, png);
      const notes = [...doc.warnings.map((w) => `warning: ${w}`), ...doc.unknown.map((u) => `unknown: ${u}`)];
      writeFileSync(
        join(dir, `${base}.txt`),
        `${doc.text}\n${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`,
      );
    }
    const stored: StoredDocument = { ...doc, png, pngPath };
    this.history.push(stored);
    const keep = this.options.historySize ?? 20;
    while (this.history.length > keep) this.history.shift();
    this.options.log?.(
      `printer emulator: document ${doc.sequence} ${doc.complete ? 'complete' : `INCOMPLETE (${doc.interruptedBy})`}${pngPath ? ` → ${pngPath}` : ''}`,
    );
    for (const listener of [...this.listeners]) listener(stored);
  }
}
