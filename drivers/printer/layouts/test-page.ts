/**
 * The printer test page for the service mode: code page, styles, column ruler, QR and CODE128, so a
 * technician can check a new printer model against escpos.md at a glance.
 */

import type { CodePage } from '../codepage.ts';
import { block, type PrintDocument } from '../document.ts';
import { columnsFor, type PaperWidthMm } from '../wrap.ts';
import { ending, header, type IssueContext, type Verification, verificationBlocks } from './common.ts';

export interface TestPageInput extends IssueContext {
  readonly paperWidthMm: PaperWidthMm;
  readonly codePage: CodePage;
  /** A sample CSV and page, to check that the QR scans to the right URL. */
  readonly verification: Verification;
}

/** "1234567890123…" as wide as a line, to see where the printer wraps. */
function ruler(columns: number): string {
  return Array.from({ length: columns }, (_, i) => String((i + 1) % 10)).join('');
}

export function printerTestPage(input: TestPageInput): PrintDocument {
  const columns = columnsFor(input.paperWidthMm);
  return {
    blocks: [
      ...header(input, 'PÁGINA DE PRUEBA'),
      block.keyValue('Papel', `${input.paperWidthMm} mm, ${columns} columnas`),
      block.keyValue(
        'Juego de caracteres',
        `${input.codePage.charset} (ESC t ${input.codePage.escPosNumber})`,
      ),
      block.text(ruler(columns)),
      block.text('ñ Ñ á é í ó ú Á É Í Ó Ú ü Ü ¿ ¡ € º ª'),
      block.text('INFORMACIÓN PÚBLICA: ¿AÑO? ¡SÍ!'),
      block.text('Negrita', { bold: true }),
      block.text('Subrayado', { underline: true }),
      block.text('Doble ancho', { doubleWidth: true }),
      block.text('Doble alto', { doubleHeight: true }),
      block.text('Centrado', { align: 'center' }),
      block.text('Derecha', { align: 'right' }),
      block.keyValue('Etiqueta', 'valor'),
      block.code128('1234567890', { height: 60 }),
      ...verificationBlocks(input.verification),
      ...ending(),
    ],
  };
}
