import { describe, expect, it } from 'vitest';
import { CODE_PAGES } from '../codepage.ts';
import type { PrintDocument, TextBlock } from '../document.ts';
import { encodeDocument } from '../encoder.ts';
import type { IssueContext } from './common.ts';
import { reciboTerminal } from './recibo-terminal.ts';

const CONTEXT: IssueContext = {
  municipality: { name: 'Ayuntamiento de Villanueva' },
  kioskId: 'KIOSCO-07',
  issuedAt: new Date('2026-11-23T13:05:00Z'),
  timeZone: 'Europe/Madrid',
};
const LINES = ['COMERCIO: 123456789', '', 'IMPORTE:        12,50 EUR', '   OPERACION APROBADA'];

const texts = (doc: PrintDocument): TextBlock[] =>
  doc.blocks.filter((b): b is TextBlock => b.kind === 'text');

/** The bytes between two markers, decoded as ASCII (the sample lines are ASCII). */
function printedAscii(doc: PrintDocument, paperWidthMm: 58 | 80): string {
  return Buffer.from(encodeDocument(doc, { paperWidthMm, codePage: CODE_PAGES.pc858 })).toString('latin1');
}

describe('reciboTerminal', () => {
  it('puts our header above the terminal lines and keeps their order', () => {
    const doc = reciboTerminal({ ...CONTEXT, copy: 'customer', lines: LINES });
    const all = texts(doc).map((b) => b.text);
    expect(all[0]).toBe('Ayuntamiento de Villanueva');
    expect(all).toContain('RECIBO DE TARJETA');
    expect(all).toContain('Copia para el titular de la tarjeta');
    const start = all.indexOf(LINES[0]!);
    expect(all.slice(start, start + LINES.length)).toEqual(LINES);
    expect(
      doc.blocks.filter((b) => b.kind === 'keyValue').map((b) => b.kind === 'keyValue' && b.value),
    ).toEqual(['23/11/2026 14:05', 'KIOSCO-07']);
  });

  it('prints the terminal lines with their spacing on both papers', () => {
    const doc = reciboTerminal({ ...CONTEXT, copy: 'customer', lines: LINES });
    for (const width of [58, 80] as const) {
      const printed = printedAscii(doc, width);
      expect(printed).toContain('IMPORTE:        12,50 EUR\n');
      expect(printed).toContain('   OPERACION APROBADA\n');
    }
  });

  it('wraps a terminal line wider than 58 mm paper at a word boundary', () => {
    const long = 'OPERACION REALIZADA CON TARJETA SIN CONTACTO';
    const doc = reciboTerminal({ ...CONTEXT, copy: 'customer', lines: [long] });
    expect(printedAscii(doc, 58)).toContain('OPERACION REALIZADA CON TARJETA\nSIN CONTACTO\n');
    expect(printedAscii(doc, 80)).toContain(`${long}\n`);
  });

  it('has a QR only when there is a justificante CSV, and says when the terminal sent nothing', () => {
    const bare = reciboTerminal({ ...CONTEXT, copy: 'merchant', lines: [] });
    expect(bare.blocks.some((b) => b.kind === 'qr')).toBe(false);
    expect(texts(bare).map((b) => b.text)).toContain('(El terminal de pago no ha enviado texto.)');
    expect(texts(bare).map((b) => b.text)).toContain('Copia para el comercio');
    const withCsv = reciboTerminal({
      ...CONTEXT,
      copy: 'customer',
      lines: LINES,
      numeroJustificante: 'K07-1',
      verification: { csv: 'ABC', verificationUrl: 'https://sede.example/v' },
    });
    expect(withCsv.blocks.find((b) => b.kind === 'qr')).toMatchObject({
      data: 'https://sede.example/v?csv=ABC',
    });
    expect(withCsv.blocks).toContainEqual({ kind: 'keyValue', label: 'Justificante', value: 'K07-1' });
  });

  it('cannot be made to send commands by the terminal text', () => {
    const doc = reciboTerminal({ ...CONTEXT, copy: 'customer', lines: ['A\u001b@B\u0010\u0004\u0001C'] });
    const bytes = encodeDocument(doc, { paperWidthMm: 58, codePage: CODE_PAGES.pc858 });
    expect(Buffer.from(bytes).toString('latin1')).toContain('A?@B???C\n');
  });
});
