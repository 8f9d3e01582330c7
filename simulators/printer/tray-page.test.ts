import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrinterEmulator } from './server.ts';
import { startTrayPage, type TrayPage } from './tray-page.ts';

let emulator: PrinterEmulator;
let tray: TrayPage;

beforeAll(async () => {
  emulator = new PrinterEmulator({ tcpPort: 0 });
  const { tcp } = await emulator.start();
  tray = await startTrayPage(emulator, 0);
  // ESC @, "Hola <", LF, GS V 66 0 (feed and cut): one document, written from the spec by hand.
  const bytes = Buffer.from([0x1b, 0x40, ...Buffer.from('Hola <'), 0x0a, 0x1d, 0x56, 0x42, 0x00]);
  const next = emulator.nextDocument();
  await new Promise<void>((resolve, reject) => {
    const socket = connect(tcp!.port, tcp!.host, () => socket.end(bytes, () => resolve()));
    socket.once('error', reject);
  });
  await next;
});

afterAll(async () => {
  await tray.stop();
  await emulator.stop();
});

describe('tray page of the printer emulator', () => {
  it('lists the printed documents with their images', async () => {
    const html = await (await fetch(tray.url)).text();
    expect(html).toContain('<img src="/documento/1.png" alt="Documento 1">');
    const png = Buffer.from(await (await fetch(`${tray.url}documento/1.png`)).arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect((await fetch(`${tray.url}documento/99.png`)).status).toBe(404);
  });

  it('changes the printer state from its buttons', async () => {
    const answer = await fetch(`${tray.url}estado/paper-out`, { method: 'POST', redirect: 'manual' });
    expect(answer.status).toBe(303);
    expect(emulator.state()).toMatchObject({ paperOut: true });
    expect((await fetch(`${tray.url}estado/explode`, { method: 'POST' })).status).toBe(404);
    emulator.setState('online');
  });
});
