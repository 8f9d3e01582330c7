/**
 * The technician's end-of-day report (cierre diario) of one kiosk: the card payments the kiosk
 * journalled, by card type, the terminal's own End-of-Day totals beside them (docs/zvt.md §7,
 * BMP 60 / scheme totals), and one line per mismatch, so a person can see at the kiosk whether the
 * day balances before the bank statement comes (spanish-formats.md §2.1). Pure: the caller reads
 * the journal and runs End-of-Day; this only compares and lays out.
 */

import { type Block, block, type PrintDocument } from '../document.ts';
import {
  ending,
  formatEuros,
  formatIsoDate,
  header,
  type IssueContext,
  type Verification,
  verificationBlocks,
} from './common.ts';

/** How many operations and how much money. */
export interface Recuento {
  readonly count: number;
  readonly totalCents: number;
}

/** The kiosk journal's card payments of the day for one card type. */
export interface TotalesPorTarjeta {
  /** As the kiosk journal names it ('VISA', 'Mastercard'…); compared with the terminal's scheme names. */
  readonly cardType: string;
  readonly approved: Recuento;
  readonly declined: Recuento;
  /** Approved payments voided afterwards (reversal before End-of-Day). */
  readonly reversed: Recuento;
}

/** A scheme total as the terminal reported it at End-of-Day. */
export interface TotalTerminal extends Recuento {
  readonly scheme: string;
}

/** The terminal's End-of-Day answer. */
export interface CierreTerminal {
  readonly schemes: readonly TotalTerminal[];
  /** The batch total, when the terminal sends one. */
  readonly totalCents?: number;
  readonly firstReceiptNumber?: number;
  readonly lastReceiptNumber?: number;
}

export interface CierreDiarioInput extends IssueContext {
  /** The kiosk's business day, aaaa-mm-dd. */
  readonly businessDate: string;
  readonly terminalId?: string;
  readonly kiosk: readonly TotalesPorTarjeta[];
  /** null when End-of-Day failed or was not run: nothing to compare with. */
  readonly terminal: CierreTerminal | null;
  /** What the kiosk already knows is wrong (outcome unknown, posting queued…), one line each. */
  readonly incidencias?: readonly string[];
  /** The report's CSV when central has sealed it; a report printed before that has none. */
  readonly verification?: Verification;
}

/** One card type (or the batch total, `scope` 'TOTAL') where kiosk and terminal do not agree. */
export interface Descuadre {
  readonly scope: string;
  readonly kiosk: Recuento;
  readonly terminal: Recuento;
}

const ZERO: Recuento = { count: 0, totalCents: 0 };

/**
 * Scheme names differ in case and spacing between journal and terminal ('VISA', 'Visa',
 * 'MASTER CARD'); letters and digits only, upper case, accents dropped.
 */
export function cardTypeKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toUpperCase();
}

/**
 * What the terminal should hold for a card type: approved minus reversed. Assumption (docs/zvt.md
 * §7): a reversal done before End-of-Day takes the payment out of the terminal's batch totals.
 */
export function netoCajero(totals: TotalesPorTarjeta): Recuento {
  return {
    count: totals.approved.count - totals.reversed.count,
    totalCents: totals.approved.totalCents - totals.reversed.totalCents,
  };
}

function add(a: Recuento, b: Recuento): Recuento {
  return { count: a.count + b.count, totalCents: a.totalCents + b.totalCents };
}

const same = (a: Recuento, b: Recuento): boolean => a.count === b.count && a.totalCents === b.totalCents;

/** Per card type, in the kiosk's order then the terminal's extra schemes; then the batch total. */
export function compararCierre(
  kiosk: readonly TotalesPorTarjeta[],
  terminal: CierreTerminal,
): { rows: Descuadre[]; descuadres: Descuadre[] } {
  const rows = new Map<string, { scope: string; kiosk: Recuento; terminal: Recuento }>();
  for (const totals of kiosk) {
    const key = cardTypeKey(totals.cardType);
    const row = rows.get(key) ?? { scope: totals.cardType, kiosk: ZERO, terminal: ZERO };
    rows.set(key, { ...row, kiosk: add(row.kiosk, netoCajero(totals)) });
  }
  for (const scheme of terminal.schemes) {
    const key = cardTypeKey(scheme.scheme);
    const row = rows.get(key) ?? { scope: scheme.scheme, kiosk: ZERO, terminal: ZERO };
    rows.set(key, { ...row, terminal: add(row.terminal, scheme) });
  }
  const list = [...rows.values()];
  const descuadres = list.filter((row) => !same(row.kiosk, row.terminal));
  if (terminal.totalCents !== undefined) {
    const kioskTotal = list.reduce((sum, row) => add(sum, row.kiosk), ZERO);
    const terminalCount = terminal.schemes.reduce((sum, s) => sum + s.count, 0);
    if (kioskTotal.totalCents !== terminal.totalCents) {
      descuadres.push({
        scope: 'TOTAL',
        kiosk: kioskTotal,
        terminal: { count: terminalCount, totalCents: terminal.totalCents },
      });
    }
  }
  return { rows: list, descuadres };
}

const operaciones = (r: Recuento): string => `${r.count} op. ${formatEuros(r.totalCents)}`;

/** The printed line of one mismatch. */
export function descuadreLine(d: Descuadre): string {
  return (
    `DESCUADRE ${d.scope}: cajero ${operaciones(d.kiosk)}; terminal ${operaciones(d.terminal)}; ` +
    `diferencia ${formatEuros(d.kiosk.totalCents - d.terminal.totalCents)}`
  );
}

function kioskBlocks(kiosk: readonly TotalesPorTarjeta[]): Block[] {
  if (kiosk.length === 0) return [block.text('Ningún pago con tarjeta en el día.')];
  const blocks: Block[] = [];
  let net = ZERO;
  for (const totals of kiosk) {
    const neto = netoCajero(totals);
    net = add(net, neto);
    blocks.push(
      block.text(totals.cardType, { bold: true }),
      block.keyValue(`Aprobados ${totals.approved.count}`, formatEuros(totals.approved.totalCents)),
      block.keyValue(`Denegados ${totals.declined.count}`, formatEuros(totals.declined.totalCents)),
      block.keyValue(`Anulados ${totals.reversed.count}`, formatEuros(totals.reversed.totalCents)),
      block.keyValue(`Neto ${neto.count}`, formatEuros(neto.totalCents)),
    );
  }
  blocks.push(block.rule(), block.keyValue(`TOTAL NETO ${net.count}`, formatEuros(net.totalCents), true));
  return blocks;
}

function comparisonBlocks(input: CierreDiarioInput): { blocks: Block[]; descuadres: Descuadre[] } {
  const terminal = input.terminal;
  if (terminal === null) {
    return {
      blocks: [
        block.text('El terminal no ha hecho el cierre: no hay totales con que comparar.', { bold: true }),
      ],
      descuadres: [],
    };
  }
  const { rows, descuadres } = compararCierre(input.kiosk, terminal);
  const blocks: Block[] = [];
  if (terminal.firstReceiptNumber !== undefined && terminal.lastReceiptNumber !== undefined) {
    blocks.push(block.keyValue('Recibos', `${terminal.firstReceiptNumber}-${terminal.lastReceiptNumber}`));
  }
  for (const row of rows) {
    blocks.push(
      block.text(`${row.scope}${same(row.kiosk, row.terminal) ? '' : ' (*)'}`, { bold: true }),
      block.keyValue('Cajero', operaciones(row.kiosk)),
      block.keyValue('Terminal', operaciones(row.terminal)),
    );
  }
  if (terminal.totalCents !== undefined) {
    blocks.push(block.keyValue('Total del terminal', formatEuros(terminal.totalCents), true));
  }
  return { blocks, descuadres };
}

export function cierreDiario(input: CierreDiarioInput): PrintDocument {
  const comparison = comparisonBlocks(input);
  const problems = [...comparison.descuadres.map(descuadreLine), ...(input.incidencias ?? [])];
  return {
    blocks: [
      ...header(input, 'CIERRE DIARIO'),
      block.keyValue('Día', formatIsoDate(input.businessDate)),
      ...(input.terminalId === undefined ? [] : [block.keyValue('Terminal de pago', input.terminalId)]),
      block.rule(),
      block.text('PAGOS REGISTRADOS EN EL CAJERO', { bold: true }),
      ...kioskBlocks(input.kiosk),
      block.rule('='),
      block.text('CAJERO / TERMINAL (NETO)', { bold: true }),
      ...comparison.blocks,
      block.rule('='),
      block.text(problems.length === 0 ? 'Sin descuadres.' : `INCIDENCIAS: ${problems.length}`, {
        bold: true,
      }),
      ...problems.map((line) => block.text(line)),
      ...(input.verification === undefined ? [] : verificationBlocks(input.verification)),
      ...ending(),
    ],
  };
}
