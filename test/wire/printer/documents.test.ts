/**
 * "Check it the way a person would" (issue 5): every document goes through our driver (`Printer`
 * over TCP) to the ESC/POS emulator, which decodes the bytes on its own and draws the paper; the QR
 * is then read back from the PNG's pixels with jsQR, an independent decoder. The PNGs stay in
 * .test-results/printer/ for a person to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CODE_PAGES,
  type CodePage,
  openTcpTransport,
  Printer,
  type PrinterTransport,
  SAMPLE_VERIFICATION,
  type SampleDocumentName,
  sampleDocument,
  verificationLink,
} from '../../../drivers/printer/index.ts';
import { PrinterEmulator } from '../../../simulators/printer/index.ts';
import { decodeQrFromPng, savePng } from './support.ts';

const DOCUMENTS: readonly SampleDocumentName[] = [
  'volante-individual',
  'volante-colectivo',
  'justificante',
  'recibo-terminal',
  'cierre',
  'prueba',
];
const SPANISH = 'ñÑáéíóúÁÉÍÓÚüÜ¿¡€ºª';
const ISSUED_AT = new Date('2026-11-23T13:05:00Z');

const setups: { paperWidthMm: 58 | 80; codePage: CodePage }[] = [
  { paperWidthMm: 58, codePage: CODE_PAGES.pc858 },
  { paperWidthMm: 80, codePage: CODE_PAGES.wpc1252 },
];

describe.each(setups)(
  'documents on $paperWidthMm mm paper, $codePage.charset, through the emulator',
  (setup) => {
    let emulator: PrinterEmulator;
    let transport: PrinterTransport;
    let printer: Printer;

    beforeAll(async () => {
      emulator = new PrinterEmulator({ tcpPort: 0, paperWidthMm: setup.paperWidthMm });
      const { tcp } = await emulator.start();
      if (tcp === null) throw new Error('emulator has no TCP port');
      transport = await openTcpTransport({ host: tcp.host, port: tcp.port });
      printer = new Printer(transport, { ...setup, statusTimeoutMs: 1000, completionTimeoutMs: 5000 });
    });

    afterAll(async () => {
      await transport?.close();
      await emulator?.stop();
    });

    it.each(DOCUMENTS)('%s: printed, QR read from the PNG, header and CSV on paper', async (name) => {
      const doc = sampleDocument(name, { ...setup, issuedAt: ISSUED_AT });
      const printed = emulator.nextDocument(10_000);
      const result = await printer.print(doc);
      expect(result).toMatchObject({ delivered: true, warnings: [] });
      const paper = await printed;
      savePng(`${name}-${setup.paperWidthMm}mm`, paper.png);

      expect(paper.complete).toBe(true);
      expect(paper.cut).not.toBeNull();
      // The emulator flags anything a real printer would do differently from what the driver meant.
      expect(paper.warnings).toEqual([]);
      expect(paper.unknown).toEqual([]);

      const lines = paper.text.split('\n');
      expect(lines).toContain('Ayuntamiento de Villaejemplo');
      expect(paper.text).toMatch(/Cajero +CAJERO-DEMO-01/);
      expect(paper.text).toMatch(/Fecha y hora +23\/11\/2026 14:05/);
      expect(lines).toContain(`CSV: ${SAMPLE_VERIFICATION.csv}`);
      // Spanish prints as Spanish: every special character the layout used comes out of the emulator.
      const source = doc.blocks
        .map((b) => (b.kind === 'text' ? b.text : b.kind === 'keyValue' ? b.label + b.value : ''))
        .join('');
      const spanish = new Set([...source].filter((c) => SPANISH.includes(c)));
      expect(spanish.size).toBeGreaterThan(0);
      for (const char of spanish) expect(paper.text).toContain(char);
      expect(paper.text).not.toContain('\ufffd');
      const columns = setup.paperWidthMm === 58 ? 32 : 48;
      for (const line of lines.filter((l) => !l.startsWith('[QR ') && !l.startsWith('[CODE128 '))) {
        expect([...line].length).toBeLessThanOrEqual(columns);
      }

      expect(await decodeQrFromPng(paper.png)).toBe(verificationLink(SAMPLE_VERIFICATION));
    });
  },
);
