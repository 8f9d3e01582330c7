import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_PAGES } from '../codepage.ts';
import type { PrintDocument } from '../document.ts';
import { encodeDocument } from '../encoder.ts';
import {
  type CierreDiarioInput,
  cardTypeKey,
  cierreDiario,
  compararCierre,
  descuadreLine,
  type TotalesPorTarjeta,
} from './cierre.ts';

const VISA: TotalesPorTarjeta = {
  cardType: 'VISA',
  approved: { count: 3, totalCents: 4_560 },
  declined: { count: 1, totalCents: 1_000 },
  reversed: { count: 1, totalCents: 560 },
};
const MASTERCARD: TotalesPorTarjeta = {
  cardType: 'Mastercard',
  approved: { count: 2, totalCents: 123_456 },
  declined: { count: 0, totalCents: 0 },
  reversed: { count: 0, totalCents: 0 },
};
const INPUT: CierreDiarioInput = {
  municipality: { name: 'Ayuntamiento de Villanueva' },
  kioskId: 'KIOSCO-07',
  issuedAt: new Date('2026-11-23T21:00:00Z'),
  timeZone: 'Europe/Madrid',
  businessDate: '2026-11-23',
  terminalId: '00000007',
  kiosk: [VISA, MASTERCARD],
  terminal: {
    schemes: [
      { scheme: 'Visa', count: 2, totalCents: 4_000 },
      { scheme: 'MASTER CARD', count: 2, totalCents: 123_456 },
    ],
    totalCents: 127_456,
    firstReceiptNumber: 10,
    lastReceiptNumber: 15,
  },
};

function lines(doc: PrintDocument): string[] {
  return doc.blocks.flatMap((b) =>
    b.kind === 'text' ? [b.text] : b.kind === 'keyValue' ? [`${b.label}: ${b.value}`] : [],
  );
}

describe('compararCierre', () => {
  it('matches card types whatever their case and spacing, netting reversals', () => {
    expect(cardTypeKey('Master Card')).toBe(cardTypeKey('MASTERCARD'));
    expect(compararCierre(INPUT.kiosk, INPUT.terminal!).descuadres).toEqual([]);
  });

  it('gives one mismatch per card type that differs, plus the batch total', () => {
    const terminal = {
      schemes: [
        { scheme: 'VISA', count: 2, totalCents: 3_000 },
        { scheme: 'Amex', count: 1, totalCents: 5_000 },
      ],
      totalCents: 8_000,
    };
    const { descuadres } = compararCierre(INPUT.kiosk, terminal);
    expect(descuadres.map((d) => d.scope)).toEqual(['VISA', 'Mastercard', 'Amex', 'TOTAL']);
    expect(descuadres[0]).toEqual({
      scope: 'VISA',
      kiosk: { count: 2, totalCents: 4_000 },
      terminal: { count: 2, totalCents: 3_000 },
    });
    expect(descuadreLine(descuadres[0]!)).toBe(
      'DESCUADRE VISA: cajero 2 op. 40,00 €; terminal 2 op. 30,00 €; diferencia 10,00 €',
    );
  });

  it('finds no mismatch exactly when the terminal holds the kiosk net per card type (property)', () => {
    const recuento = fc.record({ count: fc.nat(50), totalCents: fc.nat(1_000_000) });
    fc.assert(
      fc.property(
        recuento,
        recuento,
        recuento,
        fc.integer({ min: -3, max: 3 }),
        (approved, declined, reversed, delta) => {
          const kiosk = [{ cardType: 'visa', approved, declined, reversed }];
          const net = approved.totalCents - reversed.totalCents;
          const terminal = {
            schemes: [{ scheme: 'VISA', count: approved.count - reversed.count, totalCents: net + delta }],
          };
          expect(compararCierre(kiosk, terminal).descuadres.length === 0).toBe(delta === 0);
        },
      ),
    );
  });
});

describe('cierreDiario', () => {
  it('prints per card type the approved, declined, reversed and net counts and totals', () => {
    const text = lines(cierreDiario(INPUT));
    expect(text).toContain('CIERRE DIARIO');
    expect(text).toContain('Día: 23/11/2026');
    expect(text).toContain('Terminal de pago: 00000007');
    expect(text).toContain('Aprobados 3: 45,60 €');
    expect(text).toContain('Denegados 1: 10,00 €');
    expect(text).toContain('Anulados 1: 5,60 €');
    expect(text).toContain('Neto 2: 40,00 €');
    expect(text).toContain('Aprobados 2: 1.234,56 €');
    expect(text).toContain('TOTAL NETO 4: 1.274,56 €');
    expect(text).toContain('Recibos: 10-15');
    expect(text).toContain('Total del terminal: 1.274,56 €');
    expect(text).toContain('Sin descuadres.');
  });

  it('puts the terminal figures beside the kiosk ones and a line per mismatch', () => {
    const doc = cierreDiario({
      ...INPUT,
      terminal: { schemes: [{ scheme: 'VISA', count: 1, totalCents: 2_000 }] },
      incidencias: ['Pago de 12,50 € con resultado desconocido'],
    });
    const text = lines(doc);
    const visa = text.indexOf('VISA (*)');
    expect(text.slice(visa, visa + 3)).toEqual([
      'VISA (*)',
      'Cajero: 2 op. 40,00 €',
      'Terminal: 1 op. 20,00 €',
    ]);
    expect(text).toContain('Mastercard (*)');
    expect(text).toContain('INCIDENCIAS: 3');
    expect(text).toContain(
      'DESCUADRE VISA: cajero 2 op. 40,00 €; terminal 1 op. 20,00 €; diferencia 20,00 €',
    );
    expect(text).toContain(
      'DESCUADRE Mastercard: cajero 2 op. 1.234,56 €; terminal 0 op. 0,00 €; diferencia 1.234,56 €',
    );
    expect(text).toContain('Pago de 12,50 € con resultado desconocido');
  });

  it('says when there is no terminal End-of-Day and when there were no payments', () => {
    const text = lines(cierreDiario({ ...INPUT, kiosk: [], terminal: null }));
    expect(text).toContain('Ningún pago con tarjeta en el día.');
    expect(text).toContain('El terminal no ha hecho el cierre: no hay totales con que comparar.');
    expect(text).toContain('Sin descuadres.');
  });

  it('encodes on both papers without a QR unless sealed', () => {
    const doc = cierreDiario(INPUT);
    expect(doc.blocks.some((b) => b.kind === 'qr')).toBe(false);
    for (const paperWidthMm of [58, 80] as const) {
      expect(encodeDocument(doc, { paperWidthMm, codePage: CODE_PAGES.wpc1252 }).length).toBeGreaterThan(300);
    }
  });
});
