/**
 * ZVT codec throughput (plain Node program: `node drivers/payment/zvt/zvt.bench.ts`). Prints figures,
 * never fails on them. What one serial message costs the host end to end: build the APDU, frame it
 * (DLE stuffing + CRC-16/KERMIT), deframe it (CRC check) and parse it. The payment exchange with the
 * simulator is measured in test/bench/zvt-payment.bench.ts (drivers/ may not import simulators/).
 */
import { decodeApdu, encodeApdu } from './apdu.ts';
import { encodeBmps } from './bmp.ts';
import { CURRENCY_EUR, authorization } from './commands.ts';
import { parsePtMessage } from './pt-messages.ts';
import { SerialDeframer, encodeSerialFrame } from './serial-framing.ts';

const DURATION_MS = 700;

function measure(name: string, once: () => void): void {
  for (let i = 0; i < 2_000; i++) once(); // warm-up for the JIT
  let n = 0;
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let elapsedMs = 0;
  while (elapsedMs < DURATION_MS) {
    for (let i = 0; i < 500; i++) once();
    n += 500;
    elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  }
  const used = process.cpuUsage(cpu);
  const perSecond = Math.round((n / elapsedMs) * 1000);
  const usPer = ((used.user + used.system) / n).toFixed(2);
  console.log(`${name.padEnd(58)} ${String(perSecond).padStart(9)} frames/s  ${usPer} µs CPU/frame`);
}

// The command of a payment of 12,34 €, and the terminal's approved 04 0F with typical BMPs.
const command = authorization({ amountCents: 1234, currency: CURRENCY_EUR });
const statusBytes = encodeApdu({
  control: 0x040f,
  data: encodeBmps([
    { tag: 0x27, value: Uint8Array.of(0x00) },
    { tag: 0x04, value: Uint8Array.of(0, 0, 0, 0, 0x12, 0x34) },
    { tag: 0x0b, value: Uint8Array.of(0x00, 0x01, 0x23) },
    { tag: 0x0c, value: Uint8Array.of(0x13, 0x45, 0x07) },
    { tag: 0x0d, value: Uint8Array.of(0x11, 0x23) },
    { tag: 0x87, value: Uint8Array.of(0x00, 0x42) },
    { tag: 0x29, value: Uint8Array.of(0x52, 0x50, 0x01, 0x23) },
    { tag: 0x3b, value: new TextEncoder().encode('123456\0\0') },
    { tag: 0x8a, value: Uint8Array.of(10) },
  ]),
});
const deframer = new SerialDeframer();
let sink = 0;

measure('06 01 command: encode + frame + deframe/CRC + decode', () => {
  const frame = encodeSerialFrame(encodeApdu(command));
  for (const e of deframer.push(frame)) if (e.type === 'frame') sink += decodeApdu(e.apdu).control;
});
measure('04 0F status info: frame + deframe/CRC + decode + parse', () => {
  const frame = encodeSerialFrame(statusBytes);
  for (const e of deframer.push(frame)) {
    if (e.type === 'frame') {
      const m = parsePtMessage(decodeApdu(e.apdu), 0x0601);
      if (m.kind === 'status_information') sink += m.info.amountCents ?? 0;
    }
  }
});
if (sink === 0) console.log('(nothing parsed: the bench is broken)');
