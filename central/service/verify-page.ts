/**
 * The public verification page (GET /verificar), in Spanish, plain HTML without scripts: one question
 * (the code), one big field with a visible label, errors that say what to do next, headings in order
 * (docs/accessibility.md; GOV.UK patterns in STYLE.md). Every value is escaped.
 */
import { formatEuros } from '../../core/recibos/index.ts';
import type { Verification } from './verify.ts';

export type PageState =
  | { readonly kind: 'empty' }
  | { readonly kind: 'invalid'; readonly input: string }
  | { readonly kind: 'result'; readonly verification: Verification };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const DATE_TIME = new Intl.DateTimeFormat('es-ES', {
  timeZone: 'Europe/Madrid',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** dd/mm/aaaa hh:mm, Spanish peninsular time (spanish-formats.md §7). */
export function formatInstant(iso: string): string {
  return DATE_TIME.format(new Date(iso)).replace(',', '');
}

function rows(entries: readonly (readonly [string, string])[]): string {
  return `<dl>${entries.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
}

function resultSection(verification: Verification): string {
  if (!verification.found) {
    return `<section aria-labelledby="resultado"><h2 id="resultado">No hay ningún documento con ese código</h2>
<p>No encontramos el código <strong>${escapeHtml(verification.csv)}</strong>. Compruebe que lo ha escrito igual que en el
documento (las letras O e I no se confunden con los números 0 y 1). Si coincide, el documento no es auténtico:
no lo acepte y comuníquelo al ayuntamiento.</p></section>`;
  }
  if (verification.kind === 'volante') {
    const state =
      verification.seal === 'invalid'
        ? 'El sello electrónico no es válido: no acepte este documento y comuníquelo al ayuntamiento'
        : verification.current
          ? 'Auténtico y vigente'
          : 'Auténtico, pero su plazo de validez ha terminado';
    return `<section aria-labelledby="resultado"><h2 id="resultado">${state}</h2>
<p>Este volante de empadronamiento lo emitió ${escapeHtml(verification.municipality)}. Compare estos datos con los del papel.</p>
${rows([
  ['Documento', `Volante de empadronamiento ${verification.tipo}`],
  ['Código de verificación (CSV)', verification.csv],
  ['Titular', verification.titular.nombre],
  ['Documento de identidad', verification.titular.documento ?? 'No consta'],
  ['Domicilio', verification.domicilio],
  ['Fecha de emisión', formatInstant(verification.issuedAt)],
  ['Válido hasta', formatInstant(verification.validUntil)],
  ['Huella de los datos (SHA-256)', verification.dataHash],
  [
    'Sello electrónico del ayuntamiento',
    verification.seal === 'valid' ? 'Válido' : verification.seal === 'invalid' ? 'No válido' : 'No consta',
  ],
  ...(verification.pieVolante === null ? [] : [['Nota legal del volante', verification.pieVolante] as const]),
])}</section>`;
  }
  const state = verification.refundRequired
    ? 'Auténtico: este recibo ya estaba pagado y este pago se devolverá'
    : 'Auténtico: pago registrado';
  return `<section aria-labelledby="resultado"><h2 id="resultado">${escapeHtml(state)}</h2>
<p>Este justificante de pago lo emitió un cajero de ${escapeHtml(verification.municipality)}. Compare estos datos con los del papel.</p>
${rows([
  ['Documento', 'Justificante de pago de un recibo'],
  ['Código de verificación (CSV)', verification.csv],
  ['Fecha y hora del pago', formatInstant(verification.paidAt)],
  ['Importe', formatEuros(verification.importeCents)],
  ['Emisora', verification.emisora],
  ['Referencia', `${verification.referencia}-${verification.referenciaControl}`],
  ['Identificación', verification.identificacion],
  ['Cajero', verification.kioskId],
  ['Código de autorización', verification.authorisationCode ?? 'No consta'],
  ['Terminal', verification.terminalId ?? 'No consta'],
  [
    'Número de operación del terminal',
    verification.receiptNumber === null ? 'No consta' : String(verification.receiptNumber),
  ],
])}</section>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;font-size:1.25rem;line-height:1.5;margin:0 auto;max-width:44rem;padding:1rem;color:#0b0c0c;background:#fff}
label{display:block;font-weight:700;margin-bottom:.25rem}
input{font-size:1.5rem;min-height:3rem;width:100%;box-sizing:border-box;padding:.25rem .5rem;border:2px solid #0b0c0c;font-family:monospace;letter-spacing:.1em}
input:focus,button:focus{outline:3px solid #fd0;outline-offset:0}
button{font-size:1.25rem;min-height:3rem;padding:.5rem 1.5rem;margin-top:1rem;background:#00703c;color:#fff;border:0;cursor:pointer}
.error{color:#d4351c;font-weight:700}
.field-error input{border-color:#d4351c;border-width:4px}
dt{font-weight:700;margin-top:.5rem}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
dd{margin:0;overflow-wrap:anywhere}`;

/** The whole page for a state; `invalid` keeps what the person typed so they can correct it. */
export function renderVerifyPage(state: PageState): string {
  const value =
    state.kind === 'invalid' ? state.input : state.kind === 'result' ? state.verification.csv : '';
  const invalid = state.kind === 'invalid';
  const error = invalid
    ? `<p class="error" id="csv-error" role="alert"><span class="visually-hidden">Error: </span>El código no es válido. Escriba
las letras y números del código seguro de verificación (CSV) tal como aparecen en el documento: entre 12 y 40 caracteres,
sin otros signos.</p>`
    : '';
  const title = invalid ? 'Error: Verificar un documento' : 'Verificar un documento';
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Verificar un documento</h1>
<p>Compruebe si un volante de empadronamiento o un justificante de pago emitido en un cajero es auténtico y qué dice.</p>
<form method="get" action="/verificar" novalidate>
<div class="${invalid ? 'field-error' : ''}">
<label for="csv">Código seguro de verificación (CSV)</label>
<p id="csv-hint">Está impreso en el documento, junto a la dirección de esta página.</p>
${error}
<input id="csv" name="csv" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false"
 maxlength="200" value="${escapeHtml(value)}" aria-describedby="csv-hint${invalid ? ' csv-error' : ''}"${invalid ? ' aria-invalid="true" autofocus' : ''}>
</div>
<button type="submit">Verificar</button>
</form>
${state.kind === 'result' ? resultSection(state.verification) : ''}
</main>
</body>
</html>
`;
}
