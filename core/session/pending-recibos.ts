/**
 * The citizen's pending recibos from central, made payable here: each one the kiosk would take is
 * checked by the recibo payment service (`recibo.check`), which gives it the ticket `recibo.pay` pays
 * by, so paying from the list runs exactly the same rules as a scanned recibo. Pure apart from `check`.
 */
import type { PendingRecibo, ReciboCheck, ReciboRefusalReason, ReciboView } from '../api/contract.ts';
import type { CentralRecibo } from '../citizen-access/index.ts';
import { reciboViewOf } from '../recibo-payment/index.ts';
import { parseReciboBarcode } from '../recibos/index.ts';

export interface PendingRecibosList {
  readonly recibos: PendingRecibo[];
  /** Recibos central listed that cannot even be shown (a barcode that does not read): left off, counted. */
  readonly leftOff: Partial<Record<'barcode_no_valido', number>>;
  /** Recibos shown but not payable here, by reason (for the log: counts, never the recibos). */
  readonly refused: Partial<Record<ReciboRefusalReason, number>>;
}

/**
 * `paid` when central or this kiosk's own check says so; `refusal` with the reason for the others this
 * kiosk cannot take (emisora not collected here, out of plazo, offline limits), so the citizen sees every
 * recibo central has and why one cannot be paid here. Neither kind has a ticket registered anywhere, so
 * `recibo.pay` refuses them whatever the screen does.
 */
export function pendingRecibosList(
  central: readonly CentralRecibo[],
  check: (barcode: string) => ReciboCheck,
): PendingRecibosList {
  const recibos: PendingRecibo[] = [];
  const leftOff: PendingRecibosList['leftOff'] = {};
  const refused: PendingRecibosList['refused'] = {};
  central.forEach((recibo, index) => {
    let refusal: ReciboRefusalReason | undefined;
    if (!recibo.paid) {
      const checked = check(recibo.barcode);
      if (checked.ok) {
        recibos.push({ recibo: checked.recibo, concepto: recibo.concepto, paid: false });
        return;
      }
      if (checked.reason !== 'ya_pagado') refusal = checked.reason;
    }
    const view = shownView(recibo.barcode, `${refusal === undefined ? 'pagado' : 'no'}-${index}`);
    if (view === undefined) {
      leftOff.barcode_no_valido = (leftOff.barcode_no_valido ?? 0) + 1;
    } else if (refusal === undefined) {
      recibos.push({ recibo: view, concepto: recibo.concepto, paid: true });
    } else {
      refused[refusal] = (refused[refusal] ?? 0) + 1;
      recibos.push({ recibo: view, concepto: recibo.concepto, paid: false, refusal });
    }
  });
  return { recibos, leftOff, refused };
}

/** A recibo shown but not payable: its data from the barcode, under a ticket no service knows. */
function shownView(barcode: string, ticket: string): ReciboView | undefined {
  try {
    const r = parseReciboBarcode(barcode);
    return r.importeCents < 1 ? undefined : reciboViewOf(ticket, r);
  } catch {
    return undefined;
  }
}
