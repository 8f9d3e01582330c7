/**
 * CLI: node simulators/payment/main.ts [--tcp [port]] [--pty /path/link] [--journal file.json]
 *        [--scenario name] [--next name]... [--amount cents=name]... [--verbose]
 * Scenario names: see parseScenario (scenarios.ts), e.g. declined:05, timeout:5000, reboot-recorded, approved@800.
 * Stops cleanly (closing socat) on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import {
  DEFAULT_TCP_PORT,
  type PaymentSimulator,
  parseScenario,
  type Scenario,
  SimulatorError,
  type SimulatorOptions,
  startSimulator,
} from './index.ts';

function usage(message: string): never {
  console.error(`zvt-sim: ${message}`);
  console.error(
    'usage: node simulators/payment/main.ts [--tcp [port]] [--pty /path/link] [--journal file.json]\n' +
      '       [--scenario name] [--next name]... [--amount cents=name]... [--verbose]',
  );
  process.exit(2);
}

function scenarioOf(text: string): Scenario {
  return parseScenario(text) ?? usage(`unknown scenario "${text}"`);
}

// --tcp takes an optional port: parseArgs wants a value, so a bare --tcp is rewritten first.
const argv = process.argv.slice(2).flatMap((arg, i, all) => {
  const next = all[i + 1];
  return arg === '--tcp' && (next === undefined || next.startsWith('--'))
    ? [arg, String(DEFAULT_TCP_PORT)]
    : [arg];
});

let values: ReturnType<typeof parse>;
function parse(args: string[]) {
  return parseArgs({
    args,
    options: {
      tcp: { type: 'string' },
      pty: { type: 'string' },
      journal: { type: 'string' },
      scenario: { type: 'string' },
      next: { type: 'string', multiple: true },
      amount: { type: 'string', multiple: true },
      verbose: { type: 'boolean' },
    },
  }).values;
}
try {
  values = parse(argv);
} catch (error) {
  usage(error instanceof Error ? error.message : String(error));
}
if (values.tcp === undefined && values.pty === undefined) usage('give --tcp and/or --pty');
const tcpPort = values.tcp === undefined ? undefined : Number(values.tcp);
if (tcpPort !== undefined && !(Number.isInteger(tcpPort) && tcpPort >= 0 && tcpPort < 65536)) {
  usage(`bad TCP port "${values.tcp}"`);
}

const options: SimulatorOptions = {
  tcp: tcpPort === undefined ? undefined : { port: tcpPort },
  serial: values.pty === undefined ? undefined : { link: values.pty },
  journalPath: values.journal,
  log: values.verbose ? (line) => console.error(`zvt-sim: ${line}`) : undefined,
};

const defaultScenario = values.scenario === undefined ? undefined : scenarioOf(values.scenario);
const queued = (values.next ?? []).map(scenarioOf);
const byAmount = (values.amount ?? []).map((rule): [number, Scenario] => {
  const [cents, name] = rule.split('=');
  if (!cents || !/^\d+$/.test(cents) || !name) usage(`bad --amount "${rule}" (want cents=scenario)`);
  return [Number(cents), scenarioOf(name)];
});

// Handlers first: a signal that arrives during start-up must still stop socat.
let stopping = false;
let stopSimulator: (() => Promise<void>) | undefined;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`zvt-sim: ${signal}, stopping`);
  if (stopSimulator) void stopSimulator().then(() => process.exit(0));
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

let sim: PaymentSimulator;
try {
  sim = await startSimulator(options);
} catch (error) {
  const detail =
    error instanceof SimulatorError ? `${error.code}: ${error.message} (${error.detail})` : String(error);
  console.error(`zvt-sim: ${detail}`);
  process.exit(1);
}
stopSimulator = () => sim.stop();
if (stopping) {
  await sim.stop();
  process.exit(0);
}
if (defaultScenario) sim.setScenario(defaultScenario);
sim.queueScenario(...queued);
for (const [cents, scenario] of byAmount) sim.setScenarioForAmount(cents, scenario);
if (sim.tcpPort !== undefined) console.log(`zvt-sim: listening on tcp 127.0.0.1:${sim.tcpPort}`);
if (sim.serialPath !== undefined) console.log(`zvt-sim: serial for the kiosk at ${sim.serialPath}`);
