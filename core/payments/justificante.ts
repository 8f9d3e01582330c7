/**
 * The justificante de pago of a settled payment, built from the ledger row with the printer issue's
 * layout (spanish-formats.md §6). Printed after the approval is committed; it is "provisional" while
 * central has not acknowledged the payment (the posting is queued in the outbox).
 */
import { justificantePago, type PrintDocument } from '../../drivers/printer/index.ts';
import { formatCsv } from './csv-code.ts';
import type { PaymentRow } from './ledger.ts';

export interface JustificanteContext {
  readonly municipality: { readonly name: string; readonly nif?: string };
  readonly kioskId: string;
  readonly timeZone: string;
  /** The sede's verification page (kiosk-config municipality.verificationUrl). */
  readonly verificationUrl: string;
  /** Merchant number at the acquirer, printed as "Comercio"; the terminal id when unknown. */
  readonly comercio?: string;
}

/** What the printer must offer: the ESC/POS `Printer` fits, and so does a test double. */
export interface JustificantePrinter {
  print(doc: PrintDocument): Promise<{ readonly delivered: boolean }>;
}

export function justificanteDocument(p: PaymentRow, ctx: JustificanteContext, issuedAt: Date): PrintDocument {
  return justificantePago({
    municipality: ctx.municipality,
    kioskId: ctx.kioskId,
    issuedAt,
    timeZone: ctx.timeZone,
    numeroJustificante: p.id,
    recibo: {
      concepto: `Tributo ${p.tributo}`,
      ejercicio: String(p.ejercicio),
      emisora: p.emisora,
      referencia: `${p.referencia}${p.referenciaControl}`,
      identificacion: p.identificacion,
      importeCents: p.amountCents,
    },
    pago: {
      ...(p.cardName === null ? {} : { marca: p.cardName }),
      panUltimos4: p.maskedPan ?? '',
      comercio: ctx.comercio ?? p.terminalId ?? '',
      terminal: p.terminalId ?? '',
      autorizacion: p.authorisationCode ?? '',
      ...(p.receiptNo === null ? {} : { operacion: String(p.receiptNo) }),
    },
    provisional: p.state !== 'synced',
    verification: { csv: formatCsv(p.csv), verificationUrl: ctx.verificationUrl },
  });
}

/** What the citizen is told when the printer failed after an approved payment. */
export function justificanteLaterMessage(p: PaymentRow, verificationUrl: string): string {
  return (
    `El pago de ${(p.amountCents / 100).toFixed(2).replace('.', ',')} € está hecho, pero no se ha podido imprimir el justificante. ` +
    `Anote este código: ${formatCsv(p.csv)}. Con él puede obtener el justificante en ${verificationUrl} ` +
    'o en la oficina de recaudación del ayuntamiento.'
  );
}
