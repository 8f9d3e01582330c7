/**
 * A municipality's texts (issue 8 item 2): the data-protection notice printed at the foot of a volante,
 * the legal note of a volante, and where a citizen goes for help. Plain Spanish text for a thermal
 * ticket, each optional; `null` means not set.
 *
 * The check here is stricter than the database's CHECKs (migration 8) because it can say why in
 * Spanish, and because what passes is printed on paper handed to citizens under the municipality's
 * name: no markup (it would be printed as is), nothing that reads as a SQL statement (a paste of the
 * wrong clipboard, or someone probing), no control or invisible characters.
 */
import type { Queryable } from '../db/index.ts';
import { CentralConfigError } from './config-error.ts';

/** Maximum characters (code points) of each text: what a ticket has room for. */
export const TEXTO_LIMITS = { avisoPrivacidad: 600, pieVolante: 400, oficinaAtencion: 200 } as const;

export type TextoKey = keyof typeof TEXTO_LIMITS;

export const TEXTO_KEYS = Object.keys(TEXTO_LIMITS) as TextoKey[];

export type MunicipalityTextos = { readonly [K in TextoKey]: string | null };

/** What `admin textos` changes: the keys given; `null` clears one. */
export type TextosUpdate = { readonly [K in TextoKey]?: string | null };

const INE_CODE = /^[0-9]{5}$/;

/** Control, format (zero-width, bidi), private-use, unassigned and Unicode line/paragraph separators; not "\n". */
const INVISIBLE = /[^\P{C}\n]|[\p{Zl}\p{Zp}]/u;
const MARKUP = /<\s*\/?\s*[a-z!?]|&(#\d+|#x[0-9a-f]+|[a-z]+);/i;
const SQL_LIKE = [
  /;\s*(select|insert|update|delete|drop|alter|create|truncate|grant|revoke|exec(ute)?|union|copy)\b/i,
  /\b(union\s+(all\s+)?select|drop\s+(table|database|schema)|delete\s+from|insert\s+into|truncate\s+table)\b/i,
  /\bselect\b[^.]*\bfrom\b/i,
  /--|\/\*|\*\//,
  /'\s*(or|and)\s+'?\w+'?\s*=\s*'?\w+/i,
];

function refuse(detail: string): never {
  throw new CentralConfigError('central_admin.textos_invalid', detail);
}

/**
 * The text as stored: line ends as `\n`, NFC, no space at either end. Throws `central_admin.textos_invalid`
 * with a Spanish detail naming the field when it cannot be printed as the municipality's text.
 */
export function checkTexto(key: TextoKey, raw: string): string {
  const text = raw.replace(/\r\n?/g, '\n').normalize('NFC').trim();
  if (text === '') refuse(`${key}: está vacío; para quitar el texto escriba null`);
  const length = [...text].length;
  if (length > TEXTO_LIMITS[key])
    refuse(`${key}: tiene ${length} caracteres y el máximo es ${TEXTO_LIMITS[key]}`);
  if (INVISIBLE.test(text))
    refuse(`${key}: contiene caracteres de control o invisibles; solo se admiten texto y saltos de línea`);
  if (MARKUP.test(text)) refuse(`${key}: parece HTML; escriba texto sin etiquetas, se imprime tal cual`);
  if (SQL_LIKE.some((pattern) => pattern.test(text)))
    refuse(`${key}: parece una orden SQL, no un texto para imprimir; revise el archivo`);
  return text;
}

/**
 * The update a `textos.json` holds: an object with any of the three keys, each a string or `null`.
 * Unknown keys, other types and an object with no key are refused; nothing is half applied.
 */
export function parseTextosUpdate(value: unknown): TextosUpdate {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    refuse(`el archivo debe ser un objeto JSON con alguna de las claves ${TEXTO_KEYS.join(', ')}`);
  const keys = Object.keys(value);
  const unknown = keys.filter((key) => !(TEXTO_KEYS as string[]).includes(key));
  if (unknown.length > 0)
    refuse(`claves desconocidas: ${unknown.join(', ')}; las admitidas son ${TEXTO_KEYS.join(', ')}`);
  if (keys.length === 0) refuse(`no trae ningún texto; las claves admitidas son ${TEXTO_KEYS.join(', ')}`);
  const update: { [K in TextoKey]?: string | null } = {};
  for (const key of keys as TextoKey[]) {
    const given = (value as Record<string, unknown>)[key];
    if (given === null) update[key] = null;
    else if (typeof given === 'string') update[key] = checkTexto(key, given);
    else refuse(`${key}: debe ser un texto entre comillas o null`);
  }
  return update;
}

/** Parses the text of a `textos.json`; a JSON syntax error is refused like any other. */
export function parseTextosFile(text: string): TextosUpdate {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    refuse(`el archivo no es JSON válido (${(error as Error).message})`);
  }
  return parseTextosUpdate(value);
}

/**
 * Central's data-protection notice when the municipality has not set its own. [VERIFY] with the DPO:
 * the legal bases named are the padrón's (LBRL arts. 15 to 17; RGPD art. 6.1.c and e). The name is at
 * most 200 characters, so the notice fits the 600 of `avisoPrivacidad`.
 */
export function defaultAvisoPrivacidad(municipalityName: string): string {
  return (
    `Protección de datos. Responsable: ${municipalityName}. Finalidad: gestión del Padrón municipal de ` +
    'habitantes y acreditación de la residencia y el domicilio (Ley 7/1985, arts. 15 a 17; RGPD art. 6.1.c ' +
    'y e). Puede ejercer sus derechos de acceso, rectificación, supresión, limitación y oposición ante el ' +
    'responsable, y reclamar ante la Agencia Española de Protección de Datos (www.aepd.es).'
  );
}

interface TextosRow {
  aviso_privacidad: string | null;
  pie_volante: string | null;
  oficina_atencion: string | null;
}

const fromRow = (row: TextosRow): MunicipalityTextos => ({
  avisoPrivacidad: row.aviso_privacidad,
  pieVolante: row.pie_volante,
  oficinaAtencion: row.oficina_atencion,
});

/** The municipality's texts as set (nulls where not), or undefined when it is not in the database. */
export async function readTextos(q: Queryable, ineCode: string): Promise<MunicipalityTextos | undefined> {
  const { rows } = await q.query<TextosRow>(
    'SELECT aviso_privacidad, pie_volante, oficina_atencion FROM municipalities WHERE ine_code = $1',
    [ineCode],
  );
  return rows[0] === undefined ? undefined : fromRow(rows[0]);
}

/**
 * Applies a checked update in one statement (the keys not given keep their value) and answers the
 * texts now stored. Each text is checked again here, so a caller cannot skip `parseTextosUpdate`.
 */
export async function setTextos(
  q: Queryable,
  ineCode: string,
  update: TextosUpdate,
): Promise<MunicipalityTextos> {
  if (!INE_CODE.test(ineCode))
    throw new CentralConfigError('central_admin.usage', 'municipality: the 5-digit INE code');
  const given = (key: TextoKey) => update[key] !== undefined;
  const value = (key: TextoKey) => {
    const text = update[key];
    return text === undefined || text === null ? null : checkTexto(key, text);
  };
  const { rows } = await q.query<TextosRow>(
    `UPDATE municipalities SET
       aviso_privacidad = CASE WHEN $2::boolean THEN $3::text ELSE aviso_privacidad END,
       pie_volante = CASE WHEN $4::boolean THEN $5::text ELSE pie_volante END,
       oficina_atencion = CASE WHEN $6::boolean THEN $7::text ELSE oficina_atencion END
     WHERE ine_code = $1
     RETURNING aviso_privacidad, pie_volante, oficina_atencion`,
    [
      ineCode,
      given('avisoPrivacidad'),
      value('avisoPrivacidad'),
      given('pieVolante'),
      value('pieVolante'),
      given('oficinaAtencion'),
      value('oficinaAtencion'),
    ],
  );
  if (rows[0] === undefined) throw new CentralConfigError('central_admin.municipality_unknown', ineCode);
  return fromRow(rows[0]);
}
