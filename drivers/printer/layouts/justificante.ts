/**
 * Justificante de pago of a recibo paid by card at the kiosk (spanish-formats.md §6). Print it only
 * after the authorisation and the posting both succeeded; if the posting is still queued, print it
 * as provisional. The card number shows the last 4 digits at most (PCI DSS).
 */

import { block, type PrintDocument } from '../document.ts';
import {
  ending,
  formatEuros,
  header,
  type IssueContext,
  type Verification,
  verificationBlocks,
} from './common.ts';

export interface ReciboPagado {
  readonly concepto: string;
  readonly ejercicio?: string;
  readonly periodo?: string;
  /** Cuaderno 60 emisora (6 digits). */
  readonly emisora: string;
  /** Referencia with its control digits. */
  readonly referencia: string;
  readonly identificacion: string;
  readonly importeCents: number;
  /** Debtor name or NIF, already masked by the caller when needed. */
  readonly titular?: string;
}

export interface PagoConTarjeta {
  readonly marca?: string;
  /** Only the last four digits are ever printed, whatever comes in. */
  readonly panUltimos4: string;
  readonly comercio: string;
  readonly terminal: string;
  readonly autorizacion: string;
  readonly operacion?: string;
}

export interface JustificantePagoInput extends IssueContext {
  readonly numeroJustificante: string;
  readonly recibo: ReciboPagado;
  readonly pago: PagoConTarjeta;
  /** The payment is approved but not yet posted to recaudación (queued). */
  readonly provisional: boolean;
  readonly verification: Verification;
}

/** `**** 1234`: the last four digits of whatever was given, never more (PCI DSS). */
export function maskedPan(panUltimos4: string): string {
  return `**** ${panUltimos4.replace(/\D/gu, '').slice(-4)}`;
}

export function justificantePago(input: JustificantePagoInput): PrintDocument {
  const { recibo, pago } = input;
  return {
    blocks: [
      ...header(input, input.provisional ? 'JUSTIFICANTE PROVISIONAL' : 'JUSTIFICANTE DE PAGO'),
      block.keyValue('Justificante', input.numeroJustificante),
      block.feed(1),
      block.text(recibo.concepto, { bold: true }),
      ...(recibo.ejercicio === undefined ? [] : [block.keyValue('Ejercicio', recibo.ejercicio)]),
      ...(recibo.periodo === undefined ? [] : [block.keyValue('Periodo', recibo.periodo)]),
      block.keyValue('Emisora', recibo.emisora),
      block.keyValue('Referencia', recibo.referencia),
      block.keyValue('Identificación', recibo.identificacion),
      ...(recibo.titular === undefined ? [] : [block.keyValue('Titular', recibo.titular)]),
      block.rule(),
      block.text(`IMPORTE ${formatEuros(recibo.importeCents)}`, {
        bold: true,
        doubleHeight: true,
        align: 'right',
      }),
      block.rule(),
      block.keyValue('Medio de pago', pago.marca === undefined ? 'Tarjeta' : `Tarjeta ${pago.marca}`),
      block.keyValue('Tarjeta', maskedPan(pago.panUltimos4)),
      block.keyValue('Comercio', pago.comercio),
      block.keyValue('Terminal', pago.terminal),
      block.keyValue('Autorización', pago.autorizacion),
      ...(pago.operacion === undefined ? [] : [block.keyValue('Operación', pago.operacion)]),
      block.text('Operación aprobada', { bold: true, align: 'center' }),
      block.feed(1),
      block.text('El pago tiene efectos liberatorios por el importe indicado.'),
      ...(input.provisional
        ? [
            block.text(
              'Pago aprobado pendiente de registrar en la recaudación municipal. Conserve este justificante.',
              { bold: true },
            ),
          ]
        : []),
      ...verificationBlocks(input.verification),
      ...ending(),
    ],
  };
}
