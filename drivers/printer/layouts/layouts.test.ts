import fc from 'fast-check';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { CODE_PAGES } from '../codepage.ts';
import type { PrintDocument, QrBlock } from '../document.ts';
import { encodeDocument } from '../encoder.ts';
import { formatDateTime, formatEuros, formatIsoDate, type IssueContext, verificationLink } from './common.ts';
import { cierreDiario } from './cierre.ts';
import { justificantePago, maskedPan } from './justificante.ts';
import { reciboTerminal } from './recibo-terminal.ts';
import { printerTestPage } from './test-page.ts';
import { type PersonaInscrita, volanteColectivo, volanteIndividual } from './volante.ts';

const CONTEXT: IssueContext = {
  municipality: { name: 'Ayuntamiento de Villanueva', nif: 'P2800000A' },
  kioskId: 'KIOSCO-07',
  issuedAt: new Date('2026-11-23T13:05:00Z'),
  timeZone: 'Europe/Madrid',
};
const VERIFICATION = {
  csv: '4YGFKL9SFRGYGCTENGE6M7LQ3',
  verificationUrl: 'https://sede.villanueva.es/verificar',
};
const PERSONA: PersonaInscrita = {
  nombreCompleto: 'María José Núñez Peña',
  documentoIdentidad: '12345678Z',
  fechaNacimiento: '1980-02-29',
  nacionalidad: 'España',
  fechaAlta: '2015-06-01',
  motivoAlta: 'Cambio de residencia',
};
const VOLANTE = {
  ...CONTEXT,
  domicilio: 'Calle Mayor 12, 3º B, 28000 Villanueva',
  validezMeses: 3,
  verification: VERIFICATION,
  avisoPrivacidad: 'Responsable: Ayuntamiento de Villanueva. Más información en la sede electrónica.',
};
const JUSTIFICANTE = {
  ...CONTEXT,
  numeroJustificante: 'K07-2026-000123',
  recibo: {
    concepto: 'IBI Urbana',
    ejercicio: '2026',
    emisora: '280000',
    referencia: '123456789012',
    identificacion: '1234567890',
    importeCents: 123456,
  },
  pago: {
    marca: 'VISA',
    panUltimos4: '4111111111111111',
    comercio: '123456789',
    terminal: '00000007',
    autorizacion: 'A1B2C3',
  },
  provisional: false,
  verification: VERIFICATION,
};

/** All text a document prints, one string per block (no wrapping). */
function textOf(doc: PrintDocument): string {
  return doc.blocks
    .map((b) => (b.kind === 'text' ? b.text : b.kind === 'keyValue' ? `${b.label}: ${b.value}` : ''))
    .join('\n');
}

function qrOf(doc: PrintDocument): QrBlock {
  const qr = doc.blocks.find((b): b is QrBlock => b.kind === 'qr');
  if (qr === undefined) throw new Error('no QR');
  return qr;
}

describe('formatting', () => {
  it('formats money the Spanish way with a dot for every thousand', () => {
    expect(formatEuros(123456)).toBe('1.234,56 €');
    expect(formatEuros(5)).toBe('0,05 €');
    expect(formatEuros(-100)).toBe('-1,00 €');
    expect(formatEuros(1234567890)).toBe('12.345.678,90 €');
  });

  it('formats date and time in the kiosk zone, winter and summer', () => {
    expect(formatDateTime(new Date('2026-11-23T13:05:00Z'), 'Europe/Madrid')).toBe('23/11/2026 14:05');
    expect(formatDateTime(new Date('2026-07-01T22:30:00Z'), 'Europe/Madrid')).toBe('02/07/2026 00:30');
    expect(formatIsoDate('1980-02-29')).toBe('29/02/1980');
  });

  it('puts the CSV in the verification URL as ?csv=', () => {
    expect(verificationLink(VERIFICATION)).toBe(
      'https://sede.villanueva.es/verificar?csv=4YGFKL9SFRGYGCTENGE6M7LQ3',
    );
    expect(verificationLink({ csv: 'A B&C', verificationUrl: 'https://sede.es/v?lang=es' })).toBe(
      'https://sede.es/v?lang=es&csv=A+B%26C',
    );
  });
});

describe('layouts', () => {
  const documents: [string, PrintDocument][] = [
    ['volante individual', volanteIndividual({ ...VOLANTE, persona: PERSONA })],
    [
      'volante colectivo',
      volanteColectivo({ ...VOLANTE, personas: [PERSONA, { ...PERSONA, nombreCompleto: 'Lucía Núñez' }] }),
    ],
    ['justificante', justificantePago(JUSTIFICANTE)],
    [
      'terminal receipt',
      reciboTerminal({
        ...CONTEXT,
        copy: 'customer',
        lines: ['IMPORTE: 12,50 EUR'],
        verification: VERIFICATION,
      }),
    ],
    [
      'end-of-day report',
      cierreDiario({
        ...CONTEXT,
        businessDate: '2026-11-23',
        kiosk: [],
        terminal: null,
        verification: VERIFICATION,
      }),
    ],
    [
      'test page',
      printerTestPage({
        ...CONTEXT,
        paperWidthMm: 58,
        codePage: CODE_PAGES.pc858,
        verification: VERIFICATION,
      }),
    ],
  ];

  it.each(documents)('%s carries municipality, date and time, kiosk and CSV in text and QR', (_, doc) => {
    const text = textOf(doc);
    expect(text).toContain('Ayuntamiento de Villanueva');
    expect(text).toContain('23/11/2026 14:05');
    expect(text).toContain('KIOSCO-07');
    expect(text).toContain('CSV: 4YGFKL9SFRGYGCTENGE6M7LQ3');
    expect(text).toContain('https://sede.villanueva.es/verificar');
    expect(qrOf(doc).data).toBe(verificationLink(VERIFICATION));
    expect(doc.blocks.at(-1)).toEqual({ kind: 'cut' });
  });

  it.each(documents)('%s encodes on both papers and code pages, QR within 58 mm', (_, doc) => {
    for (const paperWidthMm of [58, 80] as const) {
      for (const codePage of [CODE_PAGES.pc858, CODE_PAGES.wpc1252]) {
        expect(encodeDocument(doc, { paperWidthMm, codePage }).length).toBeGreaterThan(100);
      }
    }
    const qr = qrOf(doc);
    // Byte mode is the largest symbol the printer could choose for this data.
    const symbol = QRCode.create([{ data: Buffer.from(qr.data), mode: 'byte' }], {
      errorCorrectionLevel: qr.errorCorrection,
    });
    expect(symbol.modules.size * qr.moduleSize).toBeLessThanOrEqual(384);
  });

  it('prints the volante data and validity', () => {
    const text = textOf(volanteIndividual({ ...VOLANTE, persona: PERSONA }));
    expect(text).toContain('María José Núñez Peña');
    expect(text).toContain('Fecha de nacimiento: 29/02/1980');
    expect(text).toContain('Fecha de alta: 01/06/2015');
    expect(text).toContain('3 meses');
  });

  it("prints the municipality's legal note above the privacy notice, only when there is one", () => {
    const pie = 'Este volante tiene carácter informativo y no sustituye a la certificación (art. 61 RPDT).';
    for (const doc of [
      volanteIndividual({ ...VOLANTE, persona: PERSONA, pieVolante: pie }),
      volanteColectivo({ ...VOLANTE, personas: [PERSONA], pieVolante: pie }),
    ]) {
      const text = textOf(doc);
      expect(text).toContain(pie);
      expect(text.indexOf(pie)).toBeLessThan(text.indexOf(VOLANTE.avisoPrivacidad));
    }
    const without = volanteIndividual({ ...VOLANTE, persona: PERSONA });
    expect(without.blocks).toHaveLength(
      volanteIndividual({ ...VOLANTE, persona: PERSONA, pieVolante: pie }).blocks.length - 2,
    );
  });

  it('lists every persona of a volante colectivo', () => {
    const text = textOf(
      volanteColectivo({ ...VOLANTE, personas: [PERSONA, { ...PERSONA, nombreCompleto: 'Lucía Núñez' }] }),
    );
    expect(text).toContain('Personas inscritas: 2');
    expect(text).toContain('María José Núñez Peña');
    expect(text).toContain('Lucía Núñez');
  });

  it('prints the justificante amount, recibo keys and only the last 4 card digits', () => {
    const text = textOf(justificantePago(JUSTIFICANTE));
    expect(text).toContain('IMPORTE 1.234,56 €');
    expect(text).toContain('Emisora: 280000');
    expect(text).toContain('Referencia: 123456789012');
    expect(text).toContain('Tarjeta: **** 1111');
    expect(text).not.toContain('411111');
    expect(text).toContain('JUSTIFICANTE DE PAGO');
    expect(textOf(justificantePago({ ...JUSTIFICANTE, provisional: true }))).toContain(
      'JUSTIFICANTE PROVISIONAL',
    );
  });

  it('never prints more than 4 card digits (property)', () => {
    fc.assert(
      fc.property(fc.string(), (pan) => {
        expect(maskedPan(pan).replace(/\D/g, '').length).toBeLessThanOrEqual(4);
      }),
    );
  });
});
