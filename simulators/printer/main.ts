/**
 * CLI: node simulators/printer/main.ts --tcp 9100 --pty /tmp/printer-link --out ./data/printer
 * Options: --tcp <port|off> (default 9100), --pty <path>, --out <dir>, --width <58|80>, --history <n>,
 * --state <online|paper-near-end|paper-out|cover-open|cutter-error|off>, --http <port> (the tray page:
 * printed documents as images, buttons to change the state).
 * While running, type a condition name on stdin (e.g. `paper-out`, `online`) to change the state.
 * Stops cleanly (closing socat) on SIGINT/SIGTERM.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { PrinterSimError } from './errors.ts';
import { type PaperWidthMm, PrinterEmulator } from './server.ts';
import { PRINTER_CONDITIONS, type PrinterConditionName } from './status.ts';
import { startTrayPage, type TrayPage } from './tray-page.ts';

function isCondition(name: string): name is PrinterConditionName {
  return Object.hasOwn(PRINTER_CONDITIONS, name);
}

function badArgument(detail: string): PrinterSimError {
  return new PrinterSimError(
    'printer_sim.bad_argument',
    'Argumento no válido para la impresora simulada.',
    detail,
  );
}

function parseCli(argv: string[]): ConstructorParameters<typeof PrinterEmulator>[0] & {
  state: PrinterConditionName;
  httpPort: number | null;
} {
  const { values } = parseArgs({
    args: argv,
    options: {
      tcp: { type: 'string', default: '9100' },
      pty: { type: 'string' },
      out: { type: 'string' },
      width: { type: 'string', default: '80' },
      history: { type: 'string', default: '20' },
      state: { type: 'string', default: 'online' },
      http: { type: 'string' },
    },
    strict: true,
  });
  const tcpPort = values.tcp === 'off' ? null : Number(values.tcp);
  if (tcpPort !== null && !(Number.isInteger(tcpPort) && tcpPort >= 0 && tcpPort < 65536)) {
    throw badArgument(`--tcp ${values.tcp}`);
  }
  if (values.width !== '58' && values.width !== '80') throw badArgument(`--width ${values.width}`);
  const historySize = Number(values.history);
  if (!Number.isInteger(historySize) || historySize < 1) throw badArgument(`--history ${values.history}`);
  if (!isCondition(values.state)) throw badArgument(`--state ${values.state}`);
  const httpPort = values.http === undefined ? null : Number(values.http);
  if (httpPort !== null && !(Number.isInteger(httpPort) && httpPort >= 0 && httpPort < 65536)) {
    throw badArgument(`--http ${values.http}`);
  }
  return {
    tcpPort,
    ptyLink: values.pty ?? null,
    outDir: values.out ?? null,
    paperWidthMm: Number(values.width) as PaperWidthMm,
    historySize,
    state: values.state,
    httpPort,
    log: (line) => console.log(line),
  };
}

async function main(): Promise<void> {
  const options = parseCli(process.argv.slice(2));
  const emulator = new PrinterEmulator(options);
  let tray: TrayPage | null = null;
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`printer emulator: ${signal}, stopping`);
    Promise.all([emulator.stop(), tray?.stop()]).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  // Handlers first: a signal during start-up must still close socat.
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // The tray page opens before the printer's port: whoever waits for the port finds both ready.
  if (options.httpPort !== null) {
    tray = await startTrayPage(emulator, options.httpPort);
    console.log(`tray page ${tray.url}`);
  }
  const listening = await emulator.start();
  emulator.setState(options.state);
  if (listening.tcp) console.log(`listening tcp ${listening.tcp.host}:${listening.tcp.port}`);
  if (listening.pty) console.log(`listening pty ${listening.pty.kioskPath}`);

  console.log(
    `state ${options.state}; type a condition to change it: ${Object.keys(PRINTER_CONDITIONS).join(', ')}`,
  );
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    const name = line.trim();
    if (name === '') return;
    if (isCondition(name)) {
      emulator.setState(name);
      console.log(`state ${name}`);
    } else {
      console.log(`unknown condition "${name}"`);
    }
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof PrinterSimError ? JSON.stringify(err.toJSON()) : err);
  process.exit(1);
});
