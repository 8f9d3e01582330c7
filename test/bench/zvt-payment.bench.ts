/**
 * Host CPU per ZVT payment (plain Node program: `node test/bench/zvt-payment.bench.ts`). The simulator
 * runs in its own process (simulators/payment/main.ts on a free TCP port) at zero latency, so
 * `process.cpuUsage()` here counts only the kiosk side: driver, session, TCP link and Node's socket work.
 * Prints figures, never fails on them.
 */
import { createPaymentTerminal } from '../../drivers/payment/create-payment-terminal.ts';
import { startZvtSimulatorProcess } from './zvt-simulator-process.ts';

const WARM_UP = 30;
const PAYMENTS = 300;

const simulator = await startZvtSimulatorProcess();
try {
  const port = simulator.port;

  const terminal = createPaymentTerminal({ transport: 'tcp', host: '127.0.0.1', port });
  await terminal.register();
  let approved = 0;
  for (let i = 0; i < WARM_UP; i++)
    if ((await terminal.pay(100 + i, `W-${i}`)).kind === 'approved') approved++;

  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (let i = 0; i < PAYMENTS; i++) {
    if ((await terminal.pay(1000 + i, `B-${i}`)).kind === 'approved') approved++;
  }
  const used = process.cpuUsage(cpu);
  const wallMs = Number(process.hrtime.bigint() - wall) / 1e6;
  await terminal.close();

  const cpuMs = (used.user + used.system) / 1000;
  console.log(
    `ZVT payment over TCP, simulator in a child process, ${PAYMENTS} payments (+${WARM_UP} warm-up):`,
  );
  console.log(`  host CPU per payment exchange   ${(cpuMs / PAYMENTS).toFixed(3)} ms`);
  console.log(
    `  (user ${(used.user / 1000 / PAYMENTS).toFixed(3)} ms, system ${(used.system / 1000 / PAYMENTS).toFixed(3)} ms)`,
  );
  console.log(`  wall time per payment           ${(wallMs / PAYMENTS).toFixed(3)} ms`);
  console.log(`  approved                        ${approved} of ${PAYMENTS + WARM_UP}`);
} finally {
  simulator.stop();
}
