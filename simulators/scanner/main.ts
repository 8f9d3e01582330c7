/**
 * CLI: node simulators/scanner/main.ts --pty /tmp/scanner-link [--scan DIGITS|SAMPLE] [--delay MS]
 * Creates a pty pair with socat (the kiosk opens the --pty path as a serial scanner) and scans: the
 * --scan barcode `--delay` ms after the pty exists (default 1000: as with a real serial line, what is
 * written while the kiosk has not opened its end yet is lost), then every line typed on stdin. A line is digits or a sample name
 * (m2_madrid, m2_small, m2_barcelona, m1_madrid). Options: --terminator cr|lf|crlf (default cr),
 * --prefix, --suffix (with \xHH escapes, e.g. \x02), --aim ]C1, --chunk N and --chunk-delay MS to cut
 * each line, --any to send text that is not a GS1 digit string. Stops cleanly (closing socat) on
 * SIGINT/SIGTERM; stdin closing does not stop it, so it can run under a process manager.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { isGs1DigitString, isSampleName, SAMPLE_RECIBO_BARCODES } from './barcodes.ts';
import { unescapeArgument } from './cli-args.ts';
import { ScannerSimError } from './errors.ts';
import type { LineTerminator } from './line-format.ts';
import { type ScanDelivery, SimulatedSerialScanner } from './scanner-sim.ts';

function badArgument(detail: string): ScannerSimError {
  return new ScannerSimError(
    'scanner_sim.bad_argument',
    'Argumento no válido para el escáner simulado.',
    detail,
  );
}

function isTerminator(value: string): value is LineTerminator {
  return value === 'cr' || value === 'lf' || value === 'crlf';
}

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw badArgument(`--${name} ${value}`);
  return n;
}

function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      pty: { type: 'string' },
      scan: { type: 'string' },
      terminator: { type: 'string', default: 'cr' },
      prefix: { type: 'string' },
      suffix: { type: 'string' },
      aim: { type: 'string' },
      chunk: { type: 'string' },
      'chunk-delay': { type: 'string' },
      delay: { type: 'string', default: '1000' },
      any: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.pty === undefined) throw badArgument('--pty <path> is required');
  if (!isTerminator(values.terminator)) throw badArgument(`--terminator ${values.terminator}`);
  const chunkSize = positiveInteger('chunk', values.chunk);
  const chunkDelayMs = positiveInteger('chunk-delay', values['chunk-delay']);
  const firstDelayMs = positiveInteger('delay', values.delay) ?? 0;
  const delivery: ScanDelivery = {
    ...(chunkSize === undefined ? {} : { chunkSize }),
    ...(chunkDelayMs === undefined ? {} : { chunkDelayMs }),
  };
  return {
    options: {
      kioskPath: values.pty,
      terminator: values.terminator,
      ...(values.prefix === undefined ? {} : { prefix: unescapeArgument(values.prefix) }),
      ...(values.suffix === undefined ? {} : { suffix: unescapeArgument(values.suffix) }),
      ...(values.aim === undefined ? {} : { aimIdentifier: values.aim }),
    },
    first: values.scan,
    firstDelayMs,
    delivery,
    any: values.any,
  };
}

/** A sample name becomes its barcode; anything else must be a GS1 digit string unless --any. */
function barcodeFor(input: string, any: boolean): string {
  const text = input.trim();
  if (isSampleName(text)) return SAMPLE_RECIBO_BARCODES[text];
  if (!any && !isGs1DigitString(text)) {
    throw badArgument(
      `"${text}" is not an even run of digits starting with 90 (use --any to send it anyway)`,
    );
  }
  return text;
}

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  // Checked before socat starts, so a typo does not leave a pty behind.
  const first = cli.first === undefined ? undefined : barcodeFor(cli.first, cli.any);
  const scanner = await SimulatedSerialScanner.start(cli.options);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`scanner simulator: ${signal}, stopping`);
    scanner.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  console.log(`listening pty ${scanner.kioskPath}`);

  // One scan at a time, in order, like a person with one scanner.
  let queue = Promise.resolve();
  const scan = (barcode: string): void => {
    queue = queue.then(async () => {
      await scanner.scan(barcode, cli.delivery);
      console.log(`scanned ${barcode}`);
    });
    queue = queue.catch((error: unknown) => {
      console.error(error instanceof ScannerSimError ? JSON.stringify(error.toJSON()) : error);
    });
  };
  if (first !== undefined) setTimeout(() => scan(first), cli.firstDelayMs).unref();
  console.log(`type a barcode or a sample name (${Object.keys(SAMPLE_RECIBO_BARCODES).join(', ')})`);
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === '' || stopping) return;
    try {
      scan(barcodeFor(line, cli.any));
    } catch (error) {
      console.error(error instanceof ScannerSimError ? JSON.stringify(error.toJSON()) : error);
    }
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof ScannerSimError ? JSON.stringify(error.toJSON()) : error);
  process.exit(1);
});
