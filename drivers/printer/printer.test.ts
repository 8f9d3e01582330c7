import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CODE_PAGES } from './codepage.ts';
import { block, type PrintDocument } from './document.ts';
import { encodeDocument } from './encoder.ts';
import {
  PrinterNotReadyError,
  PrinterOfflineError,
  PrinterStatusError,
  PrinterTransportError,
  PrintNotDeliveredError,
} from './errors.ts';
import { Printer, type PrinterOptions } from './printer.ts';
import { ALL_STATUS_REQUESTS, HEALTHY_STATUS } from './status.ts';
import { FakePrinterBrain } from './testing/fake-printer.ts';
import { openTcpTransport } from './transports/tcp.ts';
import type { PrinterTransport } from './transports/transport.ts';

const OPTIONS: PrinterOptions = {
  paperWidthMm: 58,
  codePage: CODE_PAGES.pc858,
  statusTimeoutMs: 200,
  completionTimeoutMs: 500,
};
const DOC: PrintDocument = {
  blocks: [
    block.text('Volante de empadronamiento', { bold: true }),
    block.rule(),
    block.feed(2),
    block.cut(),
  ],
};
const DOC_BYTES = [...encodeDocument(DOC, OPTIONS)];

let server: Server;
let brain: FakePrinterBrain;
let sockets: Socket[];
let transport: PrinterTransport;
let printer: Printer;

beforeEach(async () => {
  brain = new FakePrinterBrain();
  sockets = [];
  server = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', (chunk) => {
      const reply = brain.receive(chunk);
      if (reply.length > 0) socket.write(reply);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  transport = await openTcpTransport({ host: '127.0.0.1', port: address.port });
  printer = new Printer(transport, OPTIONS);
});

afterEach(async () => {
  await transport.close();
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('Printer.status over TCP', () => {
  it('sends DLE EOT 1–4 and decodes a healthy answer', async () => {
    expect(await printer.status()).toEqual(HEALTHY_STATUS);
    expect(brain.received).toEqual([...ALL_STATUS_REQUESTS]);
  });

  it('reports a silent printer as offline', async () => {
    brain.silent = true;
    await expect(printer.status()).rejects.toBeInstanceOf(PrinterOfflineError);
  });

  it('reports garbage as a status error', async () => {
    brain.status = [0x12, 0x12, 0x00, 0x12];
    await expect(printer.status()).rejects.toBeInstanceOf(PrinterStatusError);
  });

  it('fails with a transport error when the printer hangs up', async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(printer.status()).rejects.toBeInstanceOf(PrinterTransportError);
  });
});

describe('Printer.print over TCP', () => {
  it('prints, waits for GS r 1 and confirms with a second status', async () => {
    const result = await printer.print(DOC);
    expect(result).toEqual({ delivered: true, status: HEALTHY_STATUS, warnings: [] });
    expect(brain.received).toEqual([
      ...ALL_STATUS_REQUESTS,
      ...DOC_BYTES,
      0x1d,
      0x72,
      0x01,
      ...ALL_STATUS_REQUESTS,
    ]);
  });

  it('passes on the paper-near-end warning', async () => {
    brain.status = [0x12, 0x12, 0x12, 0x1e];
    const result = await printer.print(DOC);
    expect(result).toMatchObject({ delivered: true, warnings: ['printer.paper_near_end'] });
  });

  it('sends nothing when the printer has no paper', async () => {
    brain.status = [0x1a, 0x32, 0x12, 0x72];
    const result = await printer.print(DOC);
    expect(result.delivered).toBe(false);
    if (result.delivered) return;
    expect(result.bytesSent).toBe(false);
    expect(result.error).toBeInstanceOf(PrinterNotReadyError);
    expect(result.error.code).toBe('printer.paper_out');
    expect(brain.received).toEqual([...ALL_STATUS_REQUESTS]);
  });

  it('reports a document interrupted by paper-out as NOT delivered', async () => {
    brain.paperLeft = 10;
    const result = await printer.print(DOC);
    expect(result.delivered).toBe(false);
    if (result.delivered) return;
    expect(result.bytesSent).toBe(true);
    expect(result.error).toBeInstanceOf(PrintNotDeliveredError);
    expect(result.error.detail).toContain('printer.paper_out');
    expect(result.status?.paperOut).toBe(true);
  });

  it('never takes the late answer of an interrupted document as confirmation of the next', async () => {
    brain.paperLeft = 10;
    expect(await printer.print(DOC)).toMatchObject({ delivered: false, bytesSent: true });
    // Paper loaded: the rest of the first document prints and its GS r 1 is answered late.
    const late = brain.reloadPaper();
    expect(late.length).toBe(1);
    brain.answersPaperSensorQuery = false;
    // It arrives while the second document is being sent and waited for.
    setTimeout(() => {
      for (const socket of sockets) socket.write(late);
    }, 50);
    // The second document is never confirmed by the printer, so it must not count as printed.
    expect(await printer.print(DOC)).toMatchObject({ delivered: false, bytesSent: true });
    // With answers working again, printing is confirmed again.
    brain.answersPaperSensorQuery = true;
    expect(await printer.print(DOC)).toMatchObject({ delivered: true });
  });

  it('waits for the late answer of an interrupted document before printing the next', async () => {
    brain.paperLeft = 10;
    expect(await printer.print(DOC)).toMatchObject({ delivered: false, bytesSent: true });
    const late = brain.reloadPaper();
    setTimeout(() => {
      for (const socket of sockets) socket.write(late);
    }, 100);
    expect(await printer.print(DOC)).toMatchObject({ delivered: true });
  });

  it('does not count an unconfirmed document as printed, unless told to trust status only', async () => {
    brain.answersPaperSensorQuery = false;
    const unconfirmed = await printer.print(DOC);
    expect(unconfirmed).toMatchObject({ delivered: false, bytesSent: true });
    const trusting = new Printer(transport, { ...OPTIONS, completion: 'status-only' });
    expect(await trusting.print(DOC)).toMatchObject({ delivered: true });
  });

  it('reports an offline printer without sending the document', async () => {
    brain.silent = true;
    const result = await printer.print(DOC);
    expect(result).toMatchObject({ delivered: false, bytesSent: false });
    if (!result.delivered) expect(result.error).toBeInstanceOf(PrinterOfflineError);
  });

  it('runs concurrent calls one after another on the shared channel', async () => {
    const [a, b] = await Promise.all([printer.print(DOC), printer.status()]);
    expect(a.delivered).toBe(true);
    expect(b).toEqual(HEALTHY_STATUS);
  });
});
