import { describe, expect, it } from 'vitest';
import { describeIntermediateStatus } from './intermediate-status.ts';
import { KNOWN_RESULT_CODES, describeResultCode } from './result-codes.ts';

describe('result codes (docs/zvt.md §5)', () => {
  it('has Spanish texts for the listed codes', () => {
    expect(describeResultCode(0x00).text).toBe('Operación aceptada');
    expect(describeResultCode(0x6c).text).toMatch(/cancelada/);
    expect(describeResultCode(0x71).text).toBe('Saldo insuficiente');
    expect(KNOWN_RESULT_CODES.length).toBeGreaterThan(70);
  });

  it('passes host codes 01–63 through with their number', () => {
    expect(describeResultCode(0x05)).toEqual({
      code: 5,
      text: 'Operación denegada por el banco (código 5)',
      fromHost: true,
    });
    expect(describeResultCode(0x64).fromHost).toBe(false);
  });

  it('unknown terminal codes still get a text with the hex code', () => {
    expect(describeResultCode(0xd5).text).toBe('Error del terminal de pago (código D5)');
  });
});

describe('intermediate status texts', () => {
  it('covers the brief and the "remove card" variants', () => {
    expect(describeIntermediateStatus(0x0a).text).toBe('Inserte o acerque la tarjeta');
    expect(describeIntermediateStatus(0x02).text).toBe('Introduzca el PIN');
    expect(describeIntermediateStatus(0x44).text).toBe('Esperando respuesta del banco. Retire la tarjeta');
    expect(describeIntermediateStatus(0x5e).prompt).toBe('info');
  });
});
