/**
 * Faults at the wire (issue 5), against the ESC/POS emulator (not the driver's fake printer), through
 * a pseudo-terminal (socat pair made by the emulator, opened as a serial port) and through TCP.
 * What drivers/printer/printer.test.ts already checks against its fake printer (late GS r answers,
 * counting, status-only mode, a hang-up) is not repeated here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  block,
  CODE_PAGES,
  openSerialTransport,
  openTcpTransport,
  type PersonaInscrita,
  type PrintDocument,
  Printer,
  PrinterOfflineError,
  type PrinterOptions,
  type PrinterTransport,
  PrintNotDeliveredError,
  type PrintResult,
  SAMPLE_PERSONAS,
  SAMPLE_VERIFICATION,
  sampleDocument,
  sampleVolanteColectivo,
  verificationLink,
  volanteColectivo,
  volanteIndividual,
} from '../../../drivers/printer/index.ts';
import { PrinterEmulator, type StoredDocument } from '../../../simulators/printer/index.ts';
import { decodeQrFromPng, savePng } from './support.ts';

const OPTIONS: PrinterOptions = {
  paperWidthMm: 58,
  codePage: CODE_PAGES.pc858,
  statusTimeoutMs: 300,
  completionTimeoutMs: 2000,
};
const COLUMNS = 32;
const ISSUED_AT = new Date('2026-11-23T13:05:00Z');
const VOLANTE = sampleDocument('volante-individual', { ...OPTIONS, issuedAt: ISSUED_AT });
const [PERSONA] = SAMPLE_PERSONAS as [PersonaInscrita];

function notDelivered(result: PrintResult) {
  if (result.delivered) throw new Error('expected the document not to be delivered');
  return result;
}

/** Printed lines without the QR/barcode markers of the emulator's text. */
const textLines = (doc: StoredDocument): string[] =>
  doc.text.split('\n').filter((l) => !l.startsWith('[QR ') && !l.startsWith('[CODE128 '));

type Channel = 'tcp' | 'pty';

describe.each<Channel>(['tcp', 'pty'])('faults against the emulator over %s', (channel) => {
  let dir: string;
  let emulator: PrinterEmulator;
  let transport: PrinterTransport;
  let printer: Printer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'printer-faults-'));
    emulator = new PrinterEmulator(
      channel === 'tcp'
        ? { tcpPort: 0, paperWidthMm: 58 }
        : { tcpPort: null, ptyLink: path.join(dir, 'ttyPRN'), paperWidthMm: 58 },
    );
    const listening = await emulator.start();
    transport =
      channel === 'tcp'
        ? await openTcpTransport({ host: listening.tcp!.host, port: listening.tcp!.port })
        : await openSerialTransport({ path: listening.pty!.kioskPath, baudRate: 115200 });
  });

  afterAll(async () => {
    await transport?.close();
    await emulator?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    emulator.runOutOfPaperAfter(null);
    emulator.setState('online');
    printer = new Printer(transport, OPTIONS);
  });

  /** Prints and returns the result with the document the emulator finished for it (if any). */
  async function printAndCollect(doc: PrintDocument) {
    const before = emulator.documents().length;
    const result = await printer.print(doc);
    // A cut that arrives after the result (not the case here, but cheap to allow) is waited for briefly.
    const deadline = Date.now() + 500;
    while (result.delivered && emulator.documents().length === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const added = emulator.documents().slice(before);
    return { result, added };
  }

  it('paper out before a document: nothing is sent, and it prints once paper is loaded', async () => {
    emulator.setState('paper-out');
    const { result, added } = await printAndCollect(VOLANTE);
    const failed = notDelivered(result);
    expect(failed.bytesSent).toBe(false);
    expect(failed.error.code).toBe('printer.paper_out');
    expect(added).toEqual([]);
    expect(emulator.pendingDocument().blocks).toEqual([]);
    emulator.setState('online');
    const again = await printAndCollect(VOLANTE);
    expect(again.result.delivered).toBe(true);
    expect(again.added.map((d) => d.complete)).toEqual([true]);
  });

  it('paper out during a document: reported as not delivered, and the paper is incomplete', async () => {
    emulator.runOutOfPaperAfter(400);
    const { result, added } = await printAndCollect(VOLANTE);
    const failed = notDelivered(result);
    expect(failed.bytesSent).toBe(true);
    expect(failed.error).toBeInstanceOf(PrintNotDeliveredError);
    expect(failed.error.detail).toContain('printer.paper_out');
    expect(failed.status?.paperOut).toBe(true);
    expect(added).toHaveLength(1);
    const paper = added[0]!;
    expect(paper).toMatchObject({ complete: false, interruptedBy: 'paper_out' });
    expect(paper.text).toContain('Ayuntamiento de Villaejemplo');
    expect(paper.text).not.toContain(SAMPLE_VERIFICATION.csv);
    savePng(`fault-paper-out-during-${channel}`, paper.png);
    // A new roll: the next document is delivered whole.
    emulator.setState('online');
    expect((await printAndCollect(VOLANTE)).result.delivered).toBe(true);
  });

  it('cover open: nothing is sent and the reason is the cover', async () => {
    emulator.setState('cover-open');
    const { result, added } = await printAndCollect(VOLANTE);
    expect(notDelivered(result)).toMatchObject({ bytesSent: false, error: { code: 'printer.cover_open' } });
    expect(added).toEqual([]);
    expect((await printer.status()).coverOpen).toBe(true);
  });

  it('printer off: the status request times out and is reported as offline, nothing printed', async () => {
    emulator.setState('off');
    const started = Date.now();
    await expect(printer.status()).rejects.toBeInstanceOf(PrinterOfflineError);
    expect(Date.now() - started).toBeLessThan(OPTIONS.statusTimeoutMs! + 500);
    const { result, added } = await printAndCollect(VOLANTE);
    expect(notDelivered(result)).toMatchObject({ bytesSent: false, error: { code: 'printer.offline' } });
    expect(added).toEqual([]);
    emulator.setState('online');
    expect((await printer.status()).offline).toBe(false);
  });

  it('text longer than a line wraps at word boundaries, never by the printer', async () => {
    const paragraph =
      'El presente documento tiene carácter informativo y refleja los datos que constan en el Padrón ' +
      'municipal de habitantes en la fecha de su emisión, sin que acredite otros extremos.';
    const { result, added } = await printAndCollect({
      blocks: [block.text(paragraph), block.text('FIN'), block.cut()],
    });
    expect(result.delivered).toBe(true);
    const paper = added[0]!;
    expect(paper.warnings).toEqual([]);
    const lines = textLines(paper);
    const end = lines.indexOf('FIN');
    const wrapped = lines.slice(0, end);
    expect(wrapped.length).toBeGreaterThan(4);
    for (const line of wrapped) {
      expect([...line].length).toBeLessThanOrEqual(COLUMNS);
      expect(line).toBe(line.trim());
    }
    // Joined with single spaces the lines give the paragraph back: no word was cut.
    expect(wrapped.join(' ')).toBe(paragraph);
  });

  it('characters outside the code page print their defined fallback, never a wrong glyph', async () => {
    const text = 'Łódź «Ωμέγα» “citas” — 😀 ﬁn œuvre ™ ½ №';
    const doc = { blocks: [block.text(text), block.cut()] };
    const expected = {
      // PC858 has ó « » ½; the rest goes through the fallback of drivers/printer/codepage.ts.
      pc858: '?ódz «?????» "citas" - ? fin oeuvre TM ½ No',
      // WPC1252 also has the typographic quotes, the dash, œ and ™.
      wpc1252: '?ódz «?????» “citas” — ? fin œuvre ™ ½ No',
    };
    for (const codePage of [CODE_PAGES.pc858, CODE_PAGES.wpc1252]) {
      printer = new Printer(transport, { ...OPTIONS, codePage });
      const { result, added } = await printAndCollect(doc);
      expect(result.delivered).toBe(true);
      const paper = added[0]!;
      expect(paper.unknown).toEqual([]);
      expect(paper.warnings).toEqual([]);
      expect(paper.text.replaceAll('\n', ' ')).toBe(expected[codePage.charset]);
    }
  });

  it('a name of 120 characters wraps whole words and the volante still scans', async () => {
    const words = ['María', 'de', 'los', 'Ángeles', 'Fernández-Villaverde', 'Núñez', 'del', 'Castillo'];
    let nombre = '';
    for (let i = 0; nombre.length < 120; i++) nombre += (nombre === '' ? '' : ' ') + words[i % words.length];
    nombre = nombre.slice(0, 120).trimEnd();
    if (nombre.length < 120) nombre = nombre.padEnd(120, 'x');
    expect([...nombre].length).toBe(120);
    const doc = volanteIndividual({
      ...sampleVolanteColectivo(ISSUED_AT),
      persona: { ...PERSONA, nombreCompleto: nombre },
    });
    const { result, added } = await printAndCollect(doc);
    expect(result.delivered).toBe(true);
    const paper = added[0]!;
    expect(paper.warnings).toEqual([]);
    const lines = textLines(paper);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(COLUMNS);
    const first = lines.findIndex((l) => nombre.startsWith(l) && l.length > 0);
    const nameLines: string[] = [];
    for (let i = first; nameLines.join(' ').length < nombre.length; i++) nameLines.push(lines[i]!);
    expect(nameLines.join(' ')).toBe(nombre);
    expect(nameLines.length).toBe(Math.ceil(120 / COLUMNS) + 1);
    const png = savePng(`fault-name-120-${channel}`, paper.png);
    expect(png).toContain('.test-results');
    expect(await decodeQrFromPng(paper.png)).toBe(verificationLink(SAMPLE_VERIFICATION));
  });

  it('an empty household: a volante colectivo with nobody else, and one with nobody at all', async () => {
    const alone = volanteColectivo({ ...sampleVolanteColectivo(ISSUED_AT), personas: [PERSONA] });
    const one = await printAndCollect(alone);
    expect(one.result.delivered).toBe(true);
    const onePaper = one.added[0]!;
    expect(onePaper.complete).toBe(true);
    expect(onePaper.text).toMatch(/Personas inscritas +1/);
    expect(onePaper.text).toContain(PERSONA.nombreCompleto);
    expect(textLines(onePaper)).not.toContain('2.');
    savePng(`fault-household-alone-${channel}`, onePaper.png);

    const nobody = volanteColectivo({ ...sampleVolanteColectivo(ISSUED_AT), personas: [] });
    const none = await printAndCollect(nobody);
    expect(none.result.delivered).toBe(true);
    const nonePaper = none.added[0]!;
    expect(nonePaper.text).toMatch(/Personas inscritas +0/);
    expect(nonePaper.text.replaceAll('\n', ' ')).toContain(
      'No constan personas inscritas en este domicilio.',
    );
    expect(nonePaper.warnings).toEqual([]);
    expect(await decodeQrFromPng(nonePaper.png)).toBe(verificationLink(SAMPLE_VERIFICATION));
  });
});
