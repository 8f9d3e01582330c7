import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createPaymentTerminal } from './create-payment-terminal.ts';
import { ZvtControl } from './zvt/apdu.ts';
import { HidReassembler, packHidReports } from './zvt/hid-framing.ts';
import { fromHex, hexOf, msg } from './zvt/test-support.ts';
import { FakeHidDevice } from './zvt/transports/test-support.ts';

const APPROVED = msg(
  ZvtControl.StatusInformation,
  '27 00 04 00 00 00 00 12 34 0B 00 01 23 0C 13 45 07 AA 26 11 23 87 00 42 29 52 50 01 23 8B F0 F4 56 49 53 41',
);

/** A terminal behind the fake HID device: answers 06 01 with an approved payment. */
function hidTerminalDevice(delayMs = 0): { device: FakeHidDevice; fromEcr: string[] } {
  const device = new FakeHidDevice();
  const fromEcr: string[] = [];
  const reassembler = new HidReassembler();
  const reply = (hex: string): void => {
    for (const r of packHidReports(fromHex(hex))) setTimeout(() => device.input(r), delayMs);
  };
  device.onReport = (report) => {
    for (const e of reassembler.push(report)) {
      if (e.type !== 'message') continue;
      fromEcr.push(hexOf(e.message));
      if (e.message[0] === 0x06 && e.message[1] === 0x01) {
        reply('80 00 00');
        reply(APPROVED);
        reply('06 0F 00');
      }
    }
  };
  return { device, fromEcr };
}

describe('createPaymentTerminal', () => {
  it('hid: pays over the HID link (device opened lazily, closed by close())', async () => {
    const { device, fromEcr } = hidTerminalDevice();
    const opened: number[][] = [];
    const terminal = createPaymentTerminal(
      { transport: 'hid', vendorId: 0x1234, productId: 0x5678 },
      {
        openHidDevice: async (v, p) => {
          opened.push([v, p]);
          return device;
        },
        ackTimeoutMs: 500,
        completionTimeoutMs: 1_000,
      },
    );
    const outcome = await terminal.pay(1234, 'R-1');
    expect(opened).toEqual([[0x1234, 0x5678]]);
    expect(outcome).toMatchObject({
      kind: 'approved',
      transaction: { amountCents: 1234, receiptNumber: 42 },
    });
    expect(fromEcr).toEqual(['06 01 0A 04 00 00 00 00 12 34 49 09 78', '80 00 00', '80 00 00']);
    await terminal.close();
    expect(device.closed).toBe(true);
  });

  it('a second command while one runs is refused as busy and does not disturb the running one', async () => {
    const { device } = hidTerminalDevice(40);
    const terminal = createPaymentTerminal(
      { transport: 'hid', vendorId: 1, productId: 2 },
      { openHidDevice: async () => device, ackTimeoutMs: 500, completionTimeoutMs: 1_000 },
    );
    await terminal.connect();
    const first = terminal.pay(1234, 'R-1');
    await new Promise((r) => setTimeout(r, 10));
    expect(await terminal.pay(1, 'R-2')).toMatchObject({
      kind: 'not_started',
      refusal: { providerCode: 'zvt:busy' },
    });
    expect(await terminal.lastTransaction()).toMatchObject({ kind: 'not_started' });
    expect(await first).toMatchObject({ kind: 'approved', transaction: { receiptNumber: 42 } });
    await terminal.close();
  });

  it('tcp: a terminal nobody listens for is not_started / unreachable, never unknown', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const a = s.address();
        s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
      });
    });
    const terminal = createPaymentTerminal({ transport: 'tcp', host: '127.0.0.1', port });
    expect(await terminal.pay(100, 'R-2')).toMatchObject({
      kind: 'not_started',
      refusal: { providerCode: 'zvt:connect_refused' },
    });
    expect(await terminal.status()).toEqual({ kind: 'unreachable', detail: 'zvt:connect_refused' });
    await expect(terminal.connect()).rejects.toMatchObject({ code: 'zvt.connect_refused' });
    await terminal.close();
  });

  it('serial: a port that does not exist is not_started with zvt:device_unavailable', async () => {
    const terminal = createPaymentTerminal({
      transport: 'serial',
      path: '/nonexistent/tty-zvt',
      baudRate: 9600,
    });
    expect(await terminal.endOfDay()).toMatchObject({
      kind: 'not_started',
      refusal: { providerCode: 'zvt:device_unavailable' },
    });
    await terminal.close();
  });
});
