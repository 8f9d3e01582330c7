/**
 * Pieces shared by the layouts: the header every printout carries (municipality, date and time,
 * kiosk), the CSV block (spanish-formats.md §5) and Spanish formatting of dates and money (§7).
 * Pure: the time comes in as a parameter.
 */

import { type Block, block } from '../document.ts';

export interface Municipality {
  /** "Ayuntamiento de …", as printed. */
  readonly name: string;
  /** NIF of the ayuntamiento (P…), printed on payment justificantes. */
  readonly nif?: string;
}

/** Who issues the printout, where and when. */
export interface IssueContext {
  readonly municipality: Municipality;
  readonly kioskId: string;
  readonly issuedAt: Date;
  /** IANA zone of the kiosk, e.g. 'Europe/Madrid'; the printed time is local time there. */
  readonly timeZone: string;
}

/** The CSV and the sede page where anyone can check it (spanish-formats.md §5). */
export interface Verification {
  /** Opaque code from the signing platform or central; the kiosk never invents one. */
  readonly csv: string;
  /** Verification page of the sede electrónica, e.g. 'https://sede.example.es/verificar'. */
  readonly verificationUrl: string;
}

/**
 * The URL in the QR: the verification page with the CSV as query parameter `csv`
 * (`https://sede.example.es/verificar?csv=ABC`), keeping any query the page already has.
 */
export function verificationLink(verification: Verification): string {
  const url = new URL(verification.verificationUrl);
  url.searchParams.set('csv', verification.csv);
  return url.toString();
}

/** `dd/mm/aaaa HH:MM`, 24 h, in the kiosk's zone (spanish-formats.md §7). */
export function formatDateTime(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

/** An ISO calendar date `aaaa-mm-dd` as `dd/mm/aaaa`; anything else is printed as given. */
export function formatIsoDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(isoDate);
  return match === null ? isoDate : `${match[3]}/${match[2]}/${match[1]}`;
}

/** Cents as `1.234,56 €` (dot for every thousand, as with `useGrouping: 'always'`, §7). */
export function formatEuros(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be an integer, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/gu, '.');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')} €`;
}

/** Municipality, document title, then date, time and kiosk. */
export function header(context: IssueContext, title: string): Block[] {
  const blocks: Block[] = [block.text(context.municipality.name, { bold: true, align: 'center' })];
  if (context.municipality.nif !== undefined) {
    blocks.push(block.text(`NIF ${context.municipality.nif}`, { align: 'center' }));
  }
  blocks.push(
    block.feed(1),
    block.text(title, { bold: true, doubleHeight: true, align: 'center' }),
    block.rule(),
    block.keyValue('Fecha y hora', formatDateTime(context.issuedAt, context.timeZone)),
    block.keyValue('Cajero', context.kioskId),
    block.rule(),
  );
  return blocks;
}

/** The CSV in clear text, the URL and the legend (mandatory for people), then the QR for phones. */
export function verificationBlocks(verification: Verification): Block[] {
  return [
    block.rule(),
    block.text(`Puede verificar la integridad de este documento en ${verification.verificationUrl}`),
    block.text(`CSV: ${verification.csv}`, { bold: true }),
    block.feed(1),
    // Error correction M or higher for CSV QRs (spanish-formats.md §5); 5 dots a module at 203 dpi.
    block.qr(verificationLink(verification), { moduleSize: 5, errorCorrection: 'M', align: 'center' }),
  ];
}

/** Space for the cutter, then the cut. */
export function ending(): Block[] {
  return [block.feed(3), block.cut()];
}
