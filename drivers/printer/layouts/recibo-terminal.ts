/**
 * The card terminal's customer receipt, printed on our paper (docs/zvt.md §3: with registration
 * config bit `02` the ECR prints the receipts; the terminal sends the lines with `06 D1` / `06 D3`).
 * The terminal lays its lines out in columns for the width it was told, so they are printed as
 * they came (spacing kept, only lines wider than our paper wrapped), under our header so the paper
 * says which municipality and kiosk it comes from.
 */

import { type Block, block, type PrintDocument } from '../document.ts';
import { ending, header, type IssueContext, type Verification, verificationBlocks } from './common.ts';

/** Which copy the terminal says the lines are (ZVT TLV `1F07`); only the customer copy is for the citizen. */
export type TerminalReceiptCopy = 'customer' | 'merchant' | 'administration' | 'unspecified';

export interface ReciboTerminalInput extends IssueContext {
  /** The lines exactly as the terminal sent them, already decoded to text (an empty string feeds a line). */
  readonly lines: readonly string[];
  readonly copy: TerminalReceiptCopy;
  /** The justificante of the same payment, so both papers can be matched. */
  readonly numeroJustificante?: string;
  /**
   * The CSV of that justificante, when there is one (approved and posted). A declined payment has
   * none: the receipt then carries no QR.
   */
  readonly verification?: Verification;
}

const COPY_LEGEND: Record<TerminalReceiptCopy, string> = {
  customer: 'Copia para el titular de la tarjeta',
  merchant: 'Copia para el comercio',
  administration: 'Copia de administración',
  unspecified: 'Texto del terminal de pago',
};

export function reciboTerminal(input: ReciboTerminalInput): PrintDocument {
  const lines: Block[] =
    input.lines.length === 0
      ? [block.text('(El terminal de pago no ha enviado texto.)')]
      : input.lines.map((line) => block.preformatted(line));
  return {
    blocks: [
      ...header(input, 'RECIBO DE TARJETA'),
      block.text(COPY_LEGEND[input.copy], { align: 'center' }),
      ...(input.numeroJustificante === undefined
        ? []
        : [block.keyValue('Justificante', input.numeroJustificante)]),
      block.rule(),
      ...lines,
      block.rule(),
      block.text('Texto emitido por el terminal de pago de la entidad.'),
      ...(input.verification === undefined ? [] : verificationBlocks(input.verification)),
      ...ending(),
    ],
  };
}
