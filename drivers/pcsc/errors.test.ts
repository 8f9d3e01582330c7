import { describe, expect, it } from 'vitest';
import { KioskError } from '../common/kiosk-error.ts';
import { StatusWordError } from './errors.ts';
import { SCARD, scardCodeOf, toPcscError } from './scard-errors.ts';
import { statusWordText } from './status-word.ts';

describe('toPcscError', () => {
  it('maps the binding messages by their SCARD code', () => {
    const removed = toPcscError(new Error('SCardTransmit error: Card was removed.(0x80100069)'), 'transmit');
    expect(removed.code).toBe('pcsc.card_removed');
    expect(removed.scardCode).toBe(SCARD.W_REMOVED_CARD);
    expect(removed).toBeInstanceOf(KioskError);
    expect(toPcscError(new Error('x (0x8010000c)'), 'c').code).toBe('pcsc.card_removed');
    expect(toPcscError(new Error('x (0x80100068)'), 'c').code).toBe('pcsc.card_reset');
    expect(toPcscError(new Error('x (0x8010000b)'), 'c').code).toBe('pcsc.sharing_violation');
    expect(toPcscError(new Error('x (0x80100013)'), 'c').code).toBe('pcsc.no_service');
    expect(toPcscError(new Error('x (0x8010001d)'), 'c').code).toBe('pcsc.no_service');
    expect(toPcscError(new Error('x (0x8010002e)'), 'c').code).toBe('pcsc.no_reader');
    expect(toPcscError(new Error('x (0x80100016)'), 'c').code).toBe('pcsc.failure');
  });

  it('maps the constructor text without a code to no_service, anything else to failure', () => {
    expect(toPcscError(new Error('Service not available.'), 'ctx').code).toBe('pcsc.no_service');
    expect(toPcscError('weird', 'ctx').code).toBe('pcsc.failure');
    expect(scardCodeOf('no code here')).toBeUndefined();
  });
});

describe('status words', () => {
  it('has Spanish text for the common ones and the counters', () => {
    expect(statusWordText(0x6a82)).toBe('Fichero no encontrado en la tarjeta.');
    expect(statusWordText(0x63c2)).toBe('PIN incorrecto; quedan 2 intentos.');
    expect(statusWordText(0x6b00)).toBe('Desplazamiento fuera del fichero.');
    expect(statusWordText(0x1234)).toBe('La tarjeta ha respondido con el código 1234.');
  });

  it('StatusWordError carries the SW and a stable code', () => {
    const error = new StatusWordError(0x6d00, statusWordText(0x6d00), '00990000');
    expect(error.code).toBe('pcsc.status_word');
    expect(error.sw).toBe(0x6d00);
    expect(error.toJSON()).toEqual({
      code: 'pcsc.status_word',
      message: 'La tarjeta no admite esta instrucción.',
      detail: 'SW=6D00 for 00990000',
    });
  });
});
