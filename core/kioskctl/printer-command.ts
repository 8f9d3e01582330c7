/** `kioskctl printer …`: the printer as the running core sees it. */
import { parseArgs } from 'node:util';
import type { PrinterCheck } from '../devices/printer-service.ts';
import type { PrintOutcome } from '../control/control-protocol.ts';
import { controlRequest } from './control-client.ts';
import { isSampleDocumentName } from '../../drivers/printer/index.ts';
import { PreviewError, previewSettings, previewUsage, renderPreview } from './printer-preview.ts';

type Out = (line: string) => void;
type SocketFrom = (values: { config?: string | undefined; socket?: string | undefined }) => Promise<string>;

export async function printerCommand(
  args: readonly string[],
  out: Out,
  err: Out,
  socketFrom: SocketFrom,
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'preview') return previewCommand(rest, out, err);
  const { values } = parseArgs({
    args: rest,
    options: { config: { type: 'string' }, socket: { type: 'string' }, json: { type: 'boolean' } },
  });
  const socket = await socketFrom(values);
  if (sub === 'status') {
    const check = await controlRequest<PrinterCheck>(socket, 'GET', '/v1/printer/status');
    if (values.json) out(JSON.stringify(check, null, 2));
    else {
      out(
        `impresora: ${check.report.code} [${check.report.health}]${check.report.detail ? ` — ${check.report.detail}` : ''}`,
      );
      if (check.reachable) {
        const flags = Object.entries(check.status)
          .filter(([, on]) => on)
          .map(([name]) => name);
        out(`  señales activas: ${flags.length === 0 ? 'ninguna' : flags.join(', ')}`);
      }
    }
    return check.report.health === 'error' ? 1 : 0;
  }
  if (sub === 'test-page') {
    const outcome = await controlRequest<PrintOutcome>(socket, 'POST', '/v1/printer/test-page', 30_000);
    if (values.json) out(JSON.stringify(outcome, null, 2));
    else if (outcome.delivered) {
      out(
        `página de prueba impresa${outcome.warnings.length ? ` (avisos: ${outcome.warnings.join(', ')})` : ''}`,
      );
    } else {
      out(
        `página de prueba NO impresa: ${outcome.error.message}${outcome.error.detail ? ` (${outcome.error.detail})` : ''}`,
      );
      out(
        outcome.bytesSent
          ? '  parte del documento llegó a la impresora: retire el papel impreso'
          : '  no se envió nada a la impresora',
      );
    }
    return outcome.delivered ? 0 : 1;
  }
  err('kioskctl: uso: kioskctl printer status|test-page [--config FICHERO | --socket RUTA] [--json]');
  err(previewUsage());
  return 2;
}

/** `preview DOC --out file.png`: needs no running core and no printer. */
async function previewCommand(args: readonly string[], out: Out, err: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      width: { type: 'string' },
      'code-page': { type: 'string' },
      'code-table': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const [document, ...extra] = positionals;
  if (document === undefined || extra.length > 0 || values.out === undefined) {
    err(previewUsage());
    return 2;
  }
  if (!isSampleDocumentName(document)) {
    err(`kioskctl: documento desconocido «${document}».`);
    err(previewUsage());
    return 2;
  }
  let settings: ReturnType<typeof previewSettings>;
  try {
    settings = previewSettings(values);
  } catch (error) {
    if (!(error instanceof PreviewError)) throw error;
    err(`kioskctl: ${error.message}`);
    err(previewUsage());
    return 2;
  }
  const result = await renderPreview({ document, out: values.out, ...settings, issuedAt: new Date() });
  if (values.json) {
    out(JSON.stringify({ file: values.out, ...settings, ...result }, null, 2));
  } else {
    out(
      `${document}: ${values.out} (${settings.paperWidthMm} mm, ${settings.codePage.charset}, ${result.bytes} bytes ESC/POS)`,
    );
    for (const warning of result.warnings) out(`  aviso del emulador: ${warning}`);
    for (const unknown of result.unknown) out(`  bytes no reconocidos: ${unknown}`);
  }
  return result.complete && result.warnings.length === 0 && result.unknown.length === 0 ? 0 : 1;
}
