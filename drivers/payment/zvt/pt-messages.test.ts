import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZvtControl, decodeApdu, encodeApdu } from './apdu.ts';
import { encodeBmps } from './bmp.ts';
import { encodeCp437 } from './cp437.ts';
import { ZvtDecodeError } from './errors.ts';
import {
  parseAbort,
  parseCompletion,
  parseIntermediateStatus,
  parsePrintLine,
  parsePrintTextBlock,
  parsePtMessage,
  parseStatusEnquiryCompletion,
  parseStatusInformation,
} from './pt-messages.ts';
import { fromHex, onlyTypedErrors } from './test-support.ts';
import { encodeTlvContainer } from './tlv.ts';
import { encodeIndividualTotals } from './totals.ts';

const apduOf = (hex: string) => decodeApdu(fromHex(hex));

describe('04 FF intermediate status', () => {
  it('maps codes to Spanish texts and prompts', () => {
    expect(parseIntermediateStatus(apduOf('04 FF 02 0A 3C'))).toEqual({
      code: 0x0a,
      text: 'Inserte o acerque la tarjeta',
      prompt: 'present_card',
      timeoutSeconds: 60,
      displayLines: [],
    });
    expect(parseIntermediateStatus(apduOf('04 FF 01 01'))).toMatchObject({
      text: 'Introduzca el PIN',
      prompt: 'enter_pin',
    });
    expect(parseIntermediateStatus(apduOf('04 FF 01 4B'))).toMatchObject({
      text: 'Retire la tarjeta. Retire la tarjeta',
      prompt: 'remove_card',
    });
    expect(parseIntermediateStatus(apduOf('04 FF 01 55'))).toMatchObject({
      text: 'PIN incorrecto. Retire la tarjeta',
      prompt: 'remove_card',
    });
    expect(parseIntermediateStatus(apduOf('04 FF 01 77')).text).toBe('Siga las indicaciones del terminal');
  });

  it('code FF takes its text from TLV 24/07', () => {
    const tlv = encodeTlvContainer([
      {
        tag: 0x24,
        children: [
          { tag: 0x07, value: encodeCp437('Pase la tarjeta ') },
          { tag: 0x07, value: encodeCp437('por el lector') },
        ],
      },
    ]);
    const data = Uint8Array.from([0xff, 0x00, ...tlv]);
    const status = parseIntermediateStatus({ control: ZvtControl.IntermediateStatus, data });
    expect(status.displayLines).toEqual(['Pase la tarjeta ', 'por el lector']);
    expect(status.text).toBe('Pase la tarjeta por el lector');
  });

  it('typed error when empty or the wrong message', () => {
    expect(() => parseIntermediateStatus(apduOf('04 FF 00'))).toThrow(ZvtDecodeError);
    expect(() => parseIntermediateStatus(apduOf('04 0F 00'))).toThrow(ZvtDecodeError);
  });
});

describe('04 0F status information', () => {
  it('reads a payment result', () => {
    const info = parseStatusInformation(
      apduOf(
        '04 0F 33 27 00 04 00 00 00 00 12 34 0B 00 01 23 0C 13 45 07 0D 11 23 87 00 42 29 52 50 01 23 ' +
          '8A 0A 8B F0 F4 56 49 53 41 22 F0 F8 67 34 EE EE EE EE 12 3F 49 09 78',
      ),
    );
    expect(info).toEqual({
      resultCode: 0,
      resultText: 'Operación aceptada',
      approved: true,
      amountCents: 1234,
      traceNumber: 123,
      time: '134507',
      date: '1123',
      receiptNumber: 42,
      terminalId: '52500123',
      cardType: 10,
      cardName: 'VISA',
      maskedPan: '6734********123',
      currency: 978,
    });
  });

  it('a missing result code is not an approval', () => {
    const info = parseStatusInformation(apduOf('04 0F 07 04 00 00 00 00 12 34'));
    expect(info.approved).toBe(false);
    expect(info.resultCode).toBeUndefined();
  });

  it('a decline carries its Spanish text', () => {
    expect(parseStatusInformation(apduOf('04 0F 02 27 78'))).toMatchObject({
      approved: false,
      resultCode: 0x78,
      resultText: 'Tarjeta caducada',
    });
  });

  it('End-of-Day totals (BMP 60)', () => {
    const totals = {
      firstReceiptNumber: 1,
      lastReceiptNumber: 17,
      groups: [
        { group: 'girocard', count: 3, totalCents: 4500 },
        { group: 'jcb', count: 0, totalCents: 0 },
        { group: 'mastercard', count: 5, totalCents: 12_000 },
        { group: 'amex', count: 0, totalCents: 0 },
        { group: 'visa', count: 9, totalCents: 30_050 },
        { group: 'diners', count: 0, totalCents: 0 },
        { group: 'other', count: 0, totalCents: 0 },
      ],
    } as const;
    const data = encodeBmps([
      { tag: 0x27, value: fromHex('00') },
      { tag: 0x04, value: fromHex('00 00 00 00 46 55') },
      { tag: 0x60, value: encodeIndividualTotals(totals) },
    ]);
    const info = parseStatusInformation({ control: ZvtControl.StatusInformation, data });
    expect(info.totals).toEqual(totals);
    expect(info.amountCents).toBe(4655);
  });

  it('malformed totals are a typed error', () => {
    const data = encodeBmps([{ tag: 0x60, value: new Uint8Array(10) }]);
    expect(() => parseStatusInformation({ control: ZvtControl.StatusInformation, data })).toThrow(
      ZvtDecodeError,
    );
  });
});

describe('completion, abort, print', () => {
  it('06 0F after Registration, and empty', () => {
    expect(parseCompletion(apduOf('06 0F 07 19 01 29 52 50 01 23'))).toEqual({
      statusByte: 1,
      terminalId: '52500123',
    });
    expect(parseCompletion(apduOf('06 0F 00'))).toEqual({});
  });

  it('06 0F after Status enquiry: software version LLLVAR + terminal status', () => {
    expect(parseStatusEnquiryCompletion(apduOf('06 0F 08 F0 F0 F4 56 31 2E 30 00'))).toEqual({
      softwareVersion: 'V1.0',
      terminalStatus: 0,
      terminalStatusText: 'Operación aceptada',
    });
    expect(parseStatusEnquiryCompletion(apduOf('06 0F 00'))).toEqual({});
    expect(() => parseStatusEnquiryCompletion(apduOf('06 0F 04 F0 F0 F4 56'))).toThrow(ZvtDecodeError);
    expect(parsePtMessage(apduOf('06 0F 04 F0 F0 F0 9C'), ZvtControl.StatusEnquiry)).toMatchObject({
      kind: 'status_enquiry_completion',
      completion: { terminalStatus: 0x9c, terminalStatusText: 'Espere, por favor' },
    });
  });

  it('06 1E abort with result code (CCV example 06 1E 01 7D)', () => {
    expect(parseAbort(apduOf('06 1E 01 7D'))).toEqual({
      resultCode: 0x7d,
      resultText: 'Error de comunicación',
    });
    expect(parseAbort(apduOf('06 1E 04 6C 87 00 12'))).toMatchObject({ resultCode: 0x6c, receiptNumber: 12 });
    expect(() => parseAbort(apduOf('06 1E 00'))).toThrow(ZvtDecodeError);
  });

  it('06 D1 print line with attributes and CP437 text', () => {
    expect(parsePrintLine(apduOf('06 D1 06 00 53 65 A4 6F 72'))).toEqual({
      attribute: 0,
      text: 'Señor',
      lastLine: false,
      centred: false,
      doubleWidth: false,
      doubleHeight: false,
    });
    expect(parsePrintLine(apduOf('06 D1 03 70 41 42'))).toMatchObject({
      centred: true,
      doubleWidth: true,
      doubleHeight: true,
    });
    expect(parsePrintLine(apduOf('06 D1 01 81'))).toMatchObject({ lastLine: true, text: '' });
    expect(parsePrintLine(apduOf('06 D1 02 FF 03'))).toMatchObject({ lineFeeds: 3, lastLine: false });
  });

  it('06 D3 print text block', () => {
    const data = encodeTlvContainer([
      {
        tag: 0x25,
        children: [
          { tag: 0x07, value: encodeCp437('COPIA CLIENTE') },
          { tag: 0x07, value: encodeCp437('Importe: 12,34 EUR') },
          { tag: 0x1f07, value: fromHex('02') },
        ],
      },
    ]);
    expect(parsePrintTextBlock({ control: ZvtControl.PrintTextBlock, data })).toEqual({
      receiptType: 'customer',
      lines: ['COPIA CLIENTE', 'Importe: 12,34 EUR'],
    });
  });

  it('dispatches every kind', () => {
    expect(parsePtMessage(apduOf('80 00 00'))).toEqual({ kind: 'ack' });
    expect(parsePtMessage(apduOf('84 83 00'))).toEqual({
      kind: 'nack',
      code: 0x83,
      text: 'Función no disponible',
    });
    expect(parsePtMessage(apduOf('04 FF 01 0E')).kind).toBe('intermediate_status');
    expect(parsePtMessage(apduOf('04 0F 02 27 00')).kind).toBe('status_information');
    expect(parsePtMessage(apduOf('06 0F 00')).kind).toBe('completion');
    expect(parsePtMessage(apduOf('06 1E 01 6C')).kind).toBe('abort');
    expect(parsePtMessage(apduOf('06 D1 01 00')).kind).toBe('print_line');
    expect(parsePtMessage(apduOf('06 D3 00')).kind).toBe('print_text_block');
    expect(parsePtMessage(apduOf('06 E0 00')).kind).toBe('other');
  });

  it('arbitrary PT messages never throw anything but ZvtDecodeError', () => {
    const controls = [0x04ff, 0x040f, 0x060f, 0x061e, 0x06d1, 0x06d3, 0x8000, 0x8483];
    fc.assert(
      fc.property(
        fc.constantFrom(...controls),
        fc.uint8Array({ maxLength: 80 }),
        fc.boolean(),
        (c, data, enq) => {
          const apdu = decodeApdu(encodeApdu({ control: c, data }));
          onlyTypedErrors(() => parsePtMessage(apdu, enq ? ZvtControl.StatusEnquiry : undefined));
        },
      ),
    );
  });
});
