/**
 * Receipt texts the simulated terminal sends as 06 D1 print lines, and its local date/time fields.
 * Pure: the instant and the time zone come in as parameters.
 */
import type { LocalDateTime, SingleTotals, StatusInformation } from './pt-messages.ts';
import { TOTALS_GROUPS } from './pt-messages.ts';

/** Local YYMMDD / HHMMSS of an instant in a time zone (the terminal's clock shows local time). */
export function localDateTime(at: Date, timeZone: string): LocalDateTime {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: '2-digit',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '00';
  return {
    date: `${get('year')}${get('month')}${get('day')}`,
    time: `${get('hour')}${get('minute')}${get('second')}`,
  };
}

export function formatEuros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')} EUR`;
}

const pad = (left: string, right: string, width = 32): string =>
  `${left}${' '.repeat(Math.max(1, width - left.length - right.length))}${right}`;

const formatDate = (d: LocalDateTime): string =>
  `${d.date.slice(4, 6)}/${d.date.slice(2, 4)}/20${d.date.slice(0, 2)} ${d.time.slice(0, 2)}:${d.time.slice(2, 4)}`;

export type ReceiptTitle = 'VENTA' | 'ANULACION' | 'DEVOLUCION' | 'CIERRE DEL DIA';

/** Customer receipt of a transaction (approved or not). ASCII only: the wire charset is CP437. */
export function transactionReceipt(title: ReceiptTitle, s: StatusInformation): string[] {
  const lines = ['   TERMINAL DE PAGO SIMULADO', pad('COPIA CLIENTE', title)];
  if (s.terminalId !== undefined) lines.push(pad('TERMINAL', s.terminalId));
  if (s.dateTime) lines.push(pad('FECHA', formatDate(s.dateTime)));
  if (s.cardName !== undefined) lines.push(pad('TARJETA', s.cardName));
  if (s.pan !== undefined) lines.push(pad('PAN', s.pan));
  if (s.traceNo !== undefined) lines.push(pad('TRAZA', String(s.traceNo)));
  if (s.receiptNo !== undefined) lines.push(pad('RECIBO N.', String(s.receiptNo)));
  if (s.authCode !== undefined) lines.push(pad('AUTORIZACION', s.authCode));
  if (s.amountCents !== undefined) lines.push(pad('IMPORTE', formatEuros(s.amountCents)));
  lines.push(
    s.resultCode === 0 ? '         OPERACION APROBADA' : `   DENEGADA (CODIGO ${s.resultCode.toString(16)})`,
  );
  return lines;
}

/** End-of-Day report: totals per BMP 60 group. */
export function endOfDayReceipt(s: StatusInformation, totals: SingleTotals): string[] {
  const lines = ['   TERMINAL DE PAGO SIMULADO', pad('', 'CIERRE DEL DIA')];
  if (s.dateTime) lines.push(pad('FECHA', formatDate(s.dateTime)));
  lines.push(pad('RECIBOS', `${totals.firstReceiptNo}-${totals.lastReceiptNo}`));
  for (const group of TOTALS_GROUPS) {
    const g = totals[group];
    if (g.count > 0) lines.push(pad(`${group.toUpperCase()} x${g.count}`, formatEuros(g.cents)));
  }
  lines.push(pad('TOTAL', formatEuros(s.amountCents ?? 0)));
  return lines;
}
