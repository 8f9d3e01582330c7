/**
 * The simulated devices of `./cajero start` as programs a test runs itself, when it needs a hand on
 * them: the ESC/POS printer emulator (state names on its stdin, tickets as PNG + decoded text in its
 * output folder), the ZVT terminal (per-amount scenarios, its journal file) and the virtual DNIe (its
 * page's `POST /insert` and `POST /remove`). Each on a free loopback port: a demo may be running.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ChildProgram, startProgram, tcpAnswers } from './child-program.ts';

/** A port nobody listens on now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Two free ports in a row (central's public port and, after it, its kiosk port). */
export async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = await freePort();
    if (port < 65535 && !(await tcpAnswers(port + 1))) {
      const next = await new Promise<boolean>((resolve) => {
        const server = createServer();
        server.once('error', () => resolve(false));
        server.listen(port + 1, '127.0.0.1', () => server.close(() => resolve(true)));
      });
      if (next) return port;
    }
  }
  throw new Error('no two free loopback ports in a row');
}

export interface PrintedTicket {
  readonly file: string;
  readonly text: string;
  readonly png: string;
  readonly complete: boolean;
}

export interface PrinterProgram {
  readonly program: ChildProgram;
  readonly port: number;
  readonly trayUrl: string;
  readonly outDir: string;
  /** A condition of `simulators/printer/status.ts` (`paper-out`, `online`…), as typed on its stdin. */
  setState(name: string): Promise<void>;
  /** Every ticket in the output folder, oldest first. */
  tickets(): PrintedTicket[];
  /** Waits until there are more than `before` tickets; the newest. */
  waitForTicket(before: number, timeoutMs?: number): Promise<PrintedTicket>;
  stop(): Promise<void>;
}

export async function startPrinterProgram(outDir: string): Promise<PrinterProgram> {
  mkdirSync(outDir, { recursive: true });
  const [port, trayPort] = [await freePort(), await freePort()];
  const program = startProgram('printer emulator', 'simulators/printer/main.ts', [
    '--tcp',
    String(port),
    '--out',
    outDir,
    '--width',
    '80',
    '--http',
    String(trayPort),
  ]);
  await program.waitForOutput(/listening tcp/, 20_000);
  const tickets = (): PrintedTicket[] =>
    readdirSync(outDir)
      .filter((name) => /^receipt-\d+(-incomplete)?\.txt$/.test(name))
      .sort()
      .map((name) => ({
        file: path.join(outDir, name),
        text: readFileSync(path.join(outDir, name), 'utf8'),
        png: path.join(outDir, name.replace(/\.txt$/, '.png')),
        complete: !name.includes('-incomplete'),
      }));
  return {
    program,
    port,
    trayUrl: `http://127.0.0.1:${trayPort}/`,
    outDir,
    async setState(name) {
      const said = program.output().length;
      program.writeLine(name);
      const deadline = Date.now() + 5000;
      while (!program.output().slice(said).includes(`state ${name}`)) {
        if (Date.now() > deadline) throw new Error(`the printer emulator did not take state ${name}`);
        await sleep(20);
      }
    },
    tickets,
    async waitForTicket(before, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const all = tickets();
        // The PNG is written before the text: a text file means the ticket is all there.
        if (all.length > before) return all.at(-1)!;
        if (Date.now() > deadline) throw new Error(`no new ticket in ${outDir} after ${timeoutMs} ms`);
        await sleep(100);
      }
    },
    stop: () => program.stop('SIGTERM'),
  };
}

export interface TerminalJournalEntry {
  readonly kind: 'payment' | 'reversal' | 'refund';
  readonly receiptNo: number;
  readonly amountCents: number;
  readonly authCode: string;
  readonly reversed: boolean;
}

export interface TerminalProgram {
  readonly program: ChildProgram;
  readonly port: number;
  readonly journalFile: string;
  /** The simulator's own journal of the open day, read from its file (what the terminal booked). */
  journal(): TerminalJournalEntry[];
  stop(): Promise<void>;
}

/**
 * The ZVT simulator with `--amount cents=scenario` rules (e.g. `1313=declined:05`): what a given
 * amount does at the terminal, so a test picks the outcome by the recibo it pays.
 */
export async function startTerminalProgram(
  journalFile: string,
  amountRules: readonly string[] = [],
): Promise<TerminalProgram> {
  const program = startProgram('ZVT simulator', 'simulators/payment/main.ts', [
    '--tcp',
    '0',
    '--journal',
    journalFile,
    ...amountRules.flatMap((rule) => ['--amount', rule]),
  ]);
  const port = Number((await program.waitForOutput(/listening on tcp [\d.]+:(\d+)/, 20_000))[1]);
  return {
    program,
    port,
    journalFile,
    journal() {
      if (!existsSync(journalFile)) return [];
      return (JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: TerminalJournalEntry[] }).entries;
    },
    stop: () => program.stop('SIGTERM'),
  };
}

export interface DnieProgram {
  readonly program: ChildProgram;
  readonly pageUrl: string;
  /** Where it wrote the CWA-14890 terminal configuration core needs for this run's cards. */
  readonly terminalConfigFile: string;
  insert(persona: string): Promise<void>;
  remove(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The virtual DNIe behind pcscd's vpcd reader, no card in at start. Hold `usePcscdReader()` first:
 * the vpcd slot is one per machine. `extraArgs` are the simulator's (`--write-anchors DIR`, `--ocsp P`…).
 */
export async function startDnieProgram(dir: string, extraArgs: readonly string[] = []): Promise<DnieProgram> {
  mkdirSync(dir, { recursive: true });
  const httpPort = await freePort();
  const program = startProgram('virtual DNIe', 'simulators/dnie/main.ts', [
    '--persona',
    'adult',
    '--start-removed',
    '--quiet',
    '--write-terminal-config',
    dir,
    '--http',
    String(httpPort),
    ...extraArgs,
  ]);
  await program.waitForOutput(/demo page: (\S+)/, 60_000);
  const pageUrl = `http://127.0.0.1:${httpPort}/`;
  const post = async (route: string, body?: string) => {
    const response = await fetch(new URL(route, pageUrl), {
      method: 'POST',
      redirect: 'manual',
      ...(body === undefined
        ? {}
        : { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    });
    if (response.status !== 303) {
      throw new Error(`virtual DNIe ${route}: ${response.status} ${await response.text()}`);
    }
  };
  return {
    program,
    pageUrl,
    terminalConfigFile: path.join(dir, 'terminal.json'),
    insert: (persona) => post('/insert', new URLSearchParams({ persona }).toString()),
    remove: () => post('/remove'),
    // SIGINT: the simulator pulls its card out of vpcd before it exits.
    stop: () => program.stop('SIGINT'),
  };
}

export interface ScannerProgram {
  readonly program: ChildProgram;
  /** The pseudo-terminal the kiosk opens as its serial scanner. */
  readonly path: string;
  /** A barcode read at the scanner, as a person passes a recibo under it; resolves once it is sent. */
  scan(barcode: string): Promise<void>;
  stop(): Promise<void>;
}

/** The serial recibo scanner on a pseudo-terminal (`--pty`), scanning what is typed on its stdin. */
export async function startScannerProgram(link: string): Promise<ScannerProgram> {
  mkdirSync(path.dirname(link), { recursive: true });
  const program = startProgram('scanner simulator', 'simulators/scanner/main.ts', ['--pty', link]);
  await program.waitForOutput(/listening pty/, 20_000);
  return {
    program,
    path: link,
    async scan(barcode) {
      const said = program.output().length;
      program.writeLine(barcode);
      const deadline = Date.now() + 5000;
      while (!program.output().slice(said).includes(`scanned ${barcode}`)) {
        if (Date.now() > deadline) throw new Error(`the scanner did not send ${barcode}`);
        await sleep(20);
      }
    },
    stop: () => program.stop('SIGTERM'),
  };
}
