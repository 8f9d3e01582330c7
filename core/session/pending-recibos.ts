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
  /** Recibos central listed that this kiosk cannot take (why, by reason): left off the screen. */
  readonly leftOff: Partial<Record<ReciboRefusalReason | 'barcode_no_valido', number>>;
}

/**
 * `paid` when central or this kiosk's own check says so (shown, not payable: its ticket is registered
 * nowhere, so `recibo.pay` refuses it); other refusals (emisora not taken here, out of plazo, offline
 * limits) leave the recibo off the list, because the contract has no reason to show beside it.
 */
export function pendingRecibosList(
  central: readonly CentralRecibo[],
  check: (barcode: string) => ReciboCheck,
): PendingRecibosList {
  const recibos: PendingRecibo[] = [];
  const leftOff: PendingRecibosList['leftOff'] = {};
  const leave = (why: keyof PendingRecibosList['leftOff']) => {
    leftOff[why] = (leftOff[why] ?? 0) + 1;
  };
  central.forEach((recibo, index) => {
    if (!recibo.paid) {
      const checked = check(recibo.barcode);
      if (checked.ok) {
        recibos.push({ recibo: checked.recibo, concepto: recibo.concepto, paid: false });
        return;
      }
      if (checked.reason !== 'ya_pagado') {
        leave(checked.reason);
        return;
      }
    }
    const view = paidView(recibo.barcode, `pagado-${index}`);
    if (view === undefined) leave('barcode_no_valido');
    else recibos.push({ recibo: view, concepto: recibo.concepto, paid: true });
  });
  return { recibos, leftOff };
}

function paidView(barcode: string, ticket: string): ReciboView | undefined {
  try {
    const r = parseReciboBarcode(barcode);
    return r.importeCents < 1 ? undefined : reciboViewOf(ticket, r);
  } catch {
    return undefined;
  }
}
