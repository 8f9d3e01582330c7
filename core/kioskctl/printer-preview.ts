/**
 * `kioskctl printer preview DOC --out file.png`: what a document looks like on paper, without a
 * printer. The document is filled with the fictitious sample data (drivers/printer/layouts/samples.ts),
 * encoded by our driver exactly as it would go to the printer, and the bytes are piped to the
 * emulator's renderer (simulators/printer/render-cli.ts) in a child process: core may not import
 * simulators/, and the emulator decodes the bytes on its own, so the picture shows what the bytes
 * say, not what the layout meant.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { KioskError } from '../../drivers/common/kiosk-error.ts';
import {
  CODE_PAGES,
  type CodePage,
  encodeDocument,
  isSampleDocumentName,
  type PaperWidthMm,
  SAMPLE_DOCUMENTS,
  sampleDocument,
} from '../../drivers/printer/index.ts';

/** The emulator's renderer, found from the repository root (this file is core/kioskctl/). */
export const RENDER_CLI = path.resolve(import.meta.dirname, '../../simulators/printer/render-cli.ts');

export class PreviewError extends KioskError {
  readonly code: 'kioskctl.preview_usage' | 'kioskctl.preview_failed';

  constructor(code: PreviewError['code'], message: string, detail?: string) {
    super(message, detail);
    this.code = code;
  }
}

export interface PreviewRequest {
  readonly document: string;
  readonly out: string;
  readonly paperWidthMm: PaperWidthMm;
  readonly codePage: CodePage;
  readonly issuedAt: Date;
  readonly timeoutMs?: number;
}

/** What the emulator's renderer says it printed. */
export interface PreviewResult {
  readonly bytes: number;
  readonly text: string;
  readonly complete: boolean;
  readonly warnings: readonly string[];
  readonly unknown: readonly string[];
}

export function previewUsage(): string {
  return `kioskctl: uso: kioskctl printer preview ${SAMPLE_DOCUMENTS.join('|')} --out FICHERO.png [--width 58|80] [--code-page pc858|wpc1252] [--code-table N]`;
}

/** Paper width and code page from the flags; the defaults are an 80 mm Epson with PC858. */
export function previewSettings(values: {
  width?: string | undefined;
  'code-page'?: string | undefined;
  'code-table'?: string | undefined;
}): { paperWidthMm: PaperWidthMm; codePage: CodePage } {
  const width = values.width ?? '80';
  if (width !== '58' && width !== '80') {
    throw new PreviewError(
      'kioskctl.preview_usage',
      'El ancho de papel debe ser 58 u 80.',
      `--width ${width}`,
    );
  }
  const name = values['code-page'] ?? 'pc858';
  if (name !== 'pc858' && name !== 'wpc1252') {
    throw new PreviewError(
      'kioskctl.preview_usage',
      'La tabla de caracteres debe ser pc858 o wpc1252.',
      `--code-page ${name}`,
    );
  }
  const table =
    values['code-table'] === undefined ? CODE_PAGES[name].escPosNumber : Number(values['code-table']);
  if (!Number.isInteger(table) || table < 0 || table > 255) {
    throw new PreviewError(
      'kioskctl.preview_usage',
      'El número de tabla (ESC t) debe ir de 0 a 255.',
      `--code-table ${values['code-table']}`,
    );
  }
  return { paperWidthMm: Number(width) as PaperWidthMm, codePage: { charset: name, escPosNumber: table } };
}

/** Encodes the sample document and has the emulator render it to `request.out`. */
export async function renderPreview(request: PreviewRequest): Promise<PreviewResult> {
  if (!isSampleDocumentName(request.document)) {
    throw new PreviewError(
      'kioskctl.preview_usage',
      `Documento desconocido «${request.document}».`,
      `one of ${SAMPLE_DOCUMENTS.join(', ')}`,
    );
  }
  const doc = sampleDocument(request.document, request);
  const bytes = encodeDocument(doc, request);
  const run = await runRenderer(bytes, request.paperWidthMm, request.out, request.timeoutMs ?? 30_000);
  if (run.code !== 0) {
    throw new PreviewError(
      'kioskctl.preview_failed',
      'No se ha podido dibujar el documento.',
      `render-cli exit ${run.code}: ${run.stderr.trim()}`,
    );
  }
  try {
    const summary = JSON.parse(run.stdout) as PreviewResult;
    return {
      bytes: summary.bytes,
      text: summary.text,
      complete: summary.complete,
      warnings: summary.warnings,
      unknown: summary.unknown,
    };
  } catch (error) {
    throw new PreviewError(
      'kioskctl.preview_failed',
      'No se ha podido dibujar el documento.',
      `render-cli answered something that is not JSON: ${String(error)}`,
    );
  }
}

function runRenderer(
  bytes: Uint8Array,
  paperWidthMm: PaperWidthMm,
  out: string,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RENDER_CLI, String(paperWidthMm), out], {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (error) =>
      reject(
        new PreviewError(
          'kioskctl.preview_failed',
          'No se ha podido dibujar el documento.',
          `cannot run ${RENDER_CLI}: ${error.message}`,
        ),
      ),
    );
    child.on('close', (code, signal) =>
      resolve({
        code: signal === null ? code : null,
        stdout,
        stderr: signal === null ? stderr : `${signal} ${stderr}`,
      }),
    );
    // The child may die before reading everything (bad arguments): its exit code tells why.
    child.stdin.on('error', () => undefined);
    child.stdin.end(bytes);
  });
}
