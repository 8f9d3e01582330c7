import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeCsv } from './verify.ts';
import { escapeHtml, formatInstant, renderVerifyPage } from './verify-page.ts';

describe('normalizeCsv', () => {
  it.each([
    ['abcd-efgh-1234', 'ABCDEFGH1234'],
    ['  4YGFKL9SFRGYGCTENGE6M7LQ3 ', '4YGFKL9SFRGYGCTENGE6M7LQ3'],
    ['https://sede.villademo.example/verificar?csv=abcdefgh1234', 'ABCDEFGH1234'],
    ['https://verifica.sedelectronica.es/doc/4YGFKL9SFRGYGCTENGE6M7LQ3', '4YGFKL9SFRGYGCTENGE6M7LQ3'],
  ])('reads %j as %s', (input, csv) => {
    expect(normalizeCsv(input)).toBe(csv);
  });

  it.each(['', 'SHORT', "1' OR '1'='1", 'ABCDEFGH1234; DROP TABLE volantes', 'Ñ'.repeat(20), 'A'.repeat(41)])(
    'refuses %j',
    (input) => {
      expect(normalizeCsv(input)).toBeUndefined();
    },
  );

  it('never throws, and answers a well-formed code or nothing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (input) => {
        const csv = normalizeCsv(input);
        if (csv !== undefined) expect(csv).toMatch(/^[A-Z0-9]{12,40}$/);
      }),
    );
  });
});

describe('verification page', () => {
  it('escapes everything that could open markup', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(escapeHtml(text)).not.toMatch(/[<>"']/);
      }),
    );
  });

  it('keeps what was typed, escaped, when the code is not valid', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (input) => {
        const page = renderVerifyPage({ kind: 'invalid', input });
        expect(page).toContain(`value="${escapeHtml(input)}"`);
        expect(page).toContain('role="alert"');
      }),
    );
  });

  it('has a language, a title, one h1 and a labelled field', () => {
    const page = renderVerifyPage({ kind: 'empty' });
    expect(page).toContain('<html lang="es">');
    expect(page.match(/<h1>/g)).toHaveLength(1);
    expect(page).toMatch(/<label for="csv">[^<]+<\/label>/);
    expect(page).toMatch(/<input id="csv" name="csv"/);
    expect(page).not.toContain('<script');
  });

  it('writes dates as dd/mm/aaaa hh:mm in Spanish peninsular time', () => {
    expect(formatInstant('2026-11-23T09:05:00.000Z')).toBe('23/11/2026 10:05');
    expect(formatInstant('2026-07-01T22:30:00.000Z')).toBe('02/07/2026 00:30');
  });

  it('shows a payment’s amount in euros as Spanish writes it', () => {
    const page = renderVerifyPage({
      kind: 'result',
      verification: {
        found: true,
        kind: 'justificante',
        csv: 'JUSTIF000000001',
        municipality: 'Ayuntamiento de Villademo',
        kioskId: 'KIOSCO-1',
        paidAt: '2026-11-23T09:05:00.000Z',
        emisora: '471865',
        referencia: '2500001234',
        referenciaControl: '46',
        identificacion: '1100255334',
        importeCents: 123_456,
        authorisationCode: null,
        terminalId: null,
        receiptNumber: null,
        refundRequired: false,
      },
    });
    expect(page.replaceAll('\u00a0', ' ')).toContain('1.234,56 €');
    expect(page).toContain('Auténtico: pago registrado');
  });

  it('shows the legal note a volante printed, escaped, and no row when it printed none', () => {
    const volante = {
      found: true,
      kind: 'volante',
      csv: 'VABCDEFGHIJKLMNOPQRSTUVWX',
      municipality: 'Ayuntamiento de Villademo',
      tipo: 'individual',
      issuedAt: '2026-11-23T09:05:00.000Z',
      validUntil: '2027-02-23T09:05:00.000Z',
      current: true,
      titular: { nombre: 'MARÍA ESPAÑOL', documento: '***9900**' },
      domicilio: 'calle Mayor 3, 47100',
      dataHash: '0'.repeat(64),
      seal: 'valid',
      pieVolante: 'No sustituye a la certificación (art. 61 RPDT) <b>',
    } as const;
    const page = renderVerifyPage({ kind: 'result', verification: volante });
    expect(page).toContain(
      '<dt>Nota legal del volante</dt><dd>No sustituye a la certificación (art. 61 RPDT) &#60;b&#62;</dd>',
    );
    const without = renderVerifyPage({ kind: 'result', verification: { ...volante, pieVolante: null } });
    expect(without).not.toContain('Nota legal');
  });
});
