import { describe, expect, it } from 'vitest';
import { POSITIVE_ACK, apdu, encodeApdu } from '../apdu.ts';
import { packHidReports } from '../hid-framing.ts';
import { fromHex, hexOf } from '../test-support.ts';
import { HidZvtLink } from './hid-link.ts';
import { FakeHidDevice } from './test-support.ts';

async function linkOn(device: FakeHidDevice): Promise<HidZvtLink> {
  const link = new HidZvtLink({ open: async () => device });
  await link.connect();
  return link;
}

describe('HidZvtLink', () => {
  it('sends an APDU as padded 64-byte reports', async () => {
    const device = new FakeHidDevice();
    const link = await linkOn(device);
    const big = apdu(0x0601, new Uint8Array(100).fill(0x10));
    await link.send(big);
    expect(device.reports.map(hexOf)).toEqual(packHidReports(encodeApdu(big)).map(hexOf));
    expect(device.reports.every((r) => r.length === 64)).toBe(true);
  });

  it('rebuilds APDUs from reports, with or without the report id byte that hidapi may strip', async () => {
    const device = new FakeHidDevice();
    const link = await linkOn(device);
    const status = fromHex(`04 0F 46 ${'00 '.repeat(70)}`);
    for (const r of packHidReports(status)) device.input(r);
    for (const r of packHidReports(encodeApdu(POSITIVE_ACK))) device.input(r.subarray(1));
    const first = await link.receive(50);
    expect(first.kind === 'apdu' && hexOf(encodeApdu(first.apdu))).toBe(hexOf(status));
    const second = await link.receive(50);
    expect(second.kind === 'apdu' && second.apdu.control).toBe(0x8000);
  });

  it('a lost report becomes a decode error, not a hang', async () => {
    const device = new FakeHidDevice();
    const link = await linkOn(device);
    const reports = packHidReports(new Uint8Array(200).fill(1));
    device.input(reports[0]!);
    device.input(reports[2]!);
    expect(await link.receive(50)).toMatchObject({ kind: 'error', error: { code: 'zvt.hid_out_of_order' } });
  });

  it('a device error (unplugged) closes the link and releases the device', async () => {
    const device = new FakeHidDevice();
    const link = await linkOn(device);
    const waiting = link.receive(5_000);
    device.emit('error', new Error('could not read from HID device'));
    expect((await waiting).kind).toBe('closed');
    expect(device.closed).toBe(true);
    await expect(link.send(POSITIVE_ACK)).rejects.toMatchObject({ code: 'zvt.connection_lost' });
  });

  it('a failing write rejects with zvt.connection_lost', async () => {
    const device = new FakeHidDevice();
    const link = await linkOn(device);
    device.failWrites = true;
    await expect(link.send(POSITIVE_ACK)).rejects.toMatchObject({ code: 'zvt.connection_lost' });
    expect(link.connected).toBe(false);
  });

  it('an open that fails rejects with its typed error and leaves the link closed', async () => {
    const { ZvtTransportError } = await import('./errors.ts');
    const link = new HidZvtLink({
      open: async () => {
        throw new ZvtTransportError('zvt.device_unavailable', 'no device 1234:5678');
      },
    });
    await expect(link.connect()).rejects.toMatchObject({ code: 'zvt.device_unavailable' });
    expect((await link.receive(5)).kind).toBe('closed');
  });
});
