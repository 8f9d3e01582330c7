import { type CalendarDate, compareCalendarDates, formatIsoDate } from './calendar-date.ts';
import { parseReciboBarcode } from './cuaderno60.ts';
import type { ReciboBarcode } from './recibo.ts';
import { ReciboError } from './recibo-error.ts';

/** What the kiosk knows when it decides whether it may collect a recibo. */
export interface ReciboContext {
  /** The 6-digit emisoras the municipality lets this kiosk collect for (§1.6: whitelist them). */
  readonly acceptedEmisoras: ReadonlySet<string> | readonly string[];
  /** Today's civil date in the municipality (the caller reads the clock, in Europe/Madrid or Atlantic/Canary). */
  readonly today: CalendarDate;
}

function accepts(list: ReciboContext['acceptedEmisoras'], emisora: string): boolean {
  return Array.isArray(list) ? list.includes(emisora) : (list as ReadonlySet<string>).has(emisora);
}

/**
 * May this kiosk collect the recibo today? Emisora in the whitelist, Modalidad 2 not past its fecha
 * límite (payable on the day itself; banks refuse it after, §1.6), importe not zero.
 */
export function validateRecibo(recibo: ReciboBarcode, context: ReciboContext): ReciboBarcode {
  if (!accepts(context.acceptedEmisoras, recibo.emisora)) {
    throw new ReciboError(
      'recibo.emisora_not_accepted',
      `emisora ${recibo.emisora} not in this kiosk's list`,
      {
        field: 'emisora',
      },
    );
  }
  if (recibo.modalidad === 2 && compareCalendarDates(context.today, recibo.fechaLimite) > 0) {
    throw new ReciboError(
      'recibo.expired',
      `fecha límite ${formatIsoDate(recibo.fechaLimite)}, today ${formatIsoDate(context.today)}`,
    );
  }
  if (recibo.importeCents === 0) {
    throw new ReciboError('recibo.importe_zero', 'importe 0', { field: 'importe' });
  }
  return recibo;
}

/** A scanned recibo, read and checked against the kiosk's context. Throws only `ReciboError`. */
export function readReciboBarcode(raw: string, context: ReciboContext): ReciboBarcode {
  return validateRecibo(parseReciboBarcode(raw), context);
}
