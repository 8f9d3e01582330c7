/**
 * Issuing a volante de empadronamiento (issue 8 part 6; spanish-formats.md §4): read the requester's
 * current inscripción in the kiosk's municipality, build the document, seal its canonical JSON, store
 * it in `volantes` with the access-log row in one transaction.
 *
 * Who appears on a colectivo: everyone currently inscribed in the requester's domicilio (hoja),
 * minors included, when the requester is of age (18) and inscribed there. [VERIFY] with the Padrón
 * service and the DPO: practice varies (spanish-formats.md §4, "Who can get a colectivo"); some
 * councils require the other adults' authorisation or limit it to the requester and the minors in
 * their care. A minor gets individual volantes only.
 */
import { createHash } from 'node:crypto';
import { CentralDbError, type Database, type Queryable } from '../db/index.ts';
import { ageOn, type IsoDate } from '../padron/dates.ts';
import { CentralServiceError } from '../service/service-error.ts';
import { defaultAvisoPrivacidad } from '../service/textos.ts';
import { logCitizenAccess } from './access-log.ts';
import { canonicalJson } from '../../drivers/common/canonical-json.ts';
import { volanteCsv } from './csv-code.ts';
import { type SealKey, sealContent } from './seal.ts';

export type VolanteKind = 'individual' | 'colectivo';

export const ADULT_AGE = 18;

export interface VolantePersona {
  readonly nombre: string;
  readonly apellido1: string;
  readonly apellido2: string | null;
  readonly documento: string | null;
  readonly fechaNacimiento: string;
  readonly lugarNacimiento: string | null;
  readonly nacionalidad: string;
  readonly fechaAlta: string;
  readonly motivoAlta: string;
}

/**
 * The municipality's texts a volante prints at its foot, sealed with the rest so that what is printed
 * is what central signed: the data-protection notice (the municipality's, or central's default naming
 * it) and the legal note (none when the municipality has not set one).
 */
export interface VolanteTextos {
  readonly avisoPrivacidad: string;
  readonly pieVolante: string | null;
}

/** The document as printed and sealed. Field names are the Spanish terms the volante prints. */
export interface VolanteDocument {
  readonly documento: 'volante_empadronamiento';
  readonly clase: VolanteKind;
  readonly csv: string;
  readonly municipio: { readonly codigoIne: string; readonly nombre: string };
  readonly expedidoEn: string;
  readonly validoHasta: string;
  readonly domicilio: { readonly hoja: number; readonly direccion: string; readonly codigoPostal: string };
  readonly personas: readonly VolantePersona[];
  readonly urlVerificacion: string;
  readonly textos: VolanteTextos;
}

export interface IssuedVolante {
  readonly volanteId: number;
  readonly csv: string;
  readonly kind: VolanteKind;
  readonly issuedAt: string;
  readonly validUntil: string;
  readonly verificationUrl: string;
  readonly document: VolanteDocument;
  /** The canonical JSON the seal covers, exactly. */
  readonly canonical: string;
  /** SHA-256 hex of `canonical`. */
  readonly dataHash: string;
  /** DER CMS SignedData, base64. */
  readonly seal: string;
}

export interface InscriptionRow {
  persona_id: number;
  domicilio_id: number;
  nombre: string;
  apellido1: string;
  apellido2: string | null;
  documento: string | null;
  fecha_nacimiento: string;
  lugar_nacimiento: string | null;
  nacionalidad: string;
  fecha_alta: string;
  motivo_alta: string;
  hoja: number;
  tipo_via: string;
  nombre_via: string;
  numero: number | null;
  bloque: string | null;
  escalera: string | null;
  planta: string | null;
  puerta: string | null;
  codigo_postal: string;
  municipality_name: string;
  verification_url: string;
  aviso_privacidad: string | null;
  pie_volante: string | null;
}

const INSCRIPTION_COLUMNS = `i.persona_id, i.domicilio_id, p.nombre, p.apellido1, p.apellido2, p.documento,
  p.fecha_nacimiento, p.lugar_nacimiento, p.nacionalidad, i.fecha_alta, i.motivo_alta, d.hoja, d.tipo_via,
  d.nombre_via, d.numero, d.bloque, d.escalera, d.planta, d.puerta, d.codigo_postal,
  m.name AS municipality_name, m.verification_url, m.aviso_privacidad, m.pie_volante`;

const INSCRIPTION_JOIN = `FROM inscripciones i
  JOIN personas p ON p.id = i.persona_id
  JOIN domicilios d ON d.id = i.domicilio_id
  JOIN municipalities m ON m.ine_code = d.municipality_code`;

const MADRID_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid' });

/** The calendar date in Spain (peninsular time) at `instant`: legal age turns at local midnight. */
export function madridDate(instant: Date): IsoDate {
  return MADRID_DATE.format(instant) as IsoDate;
}

/** `months` calendar months after `from` (UTC), the day clamped to the month's end (31 Nov → 30 Nov). */
export function addMonths(from: Date, months: number): Date {
  const target = new Date(from.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target;
}

function direccion(row: InscriptionRow): string {
  const parts = [
    `${row.tipo_via} ${row.nombre_via} ${row.numero === null ? 's/n' : row.numero}`,
    row.bloque === null ? undefined : `bloque ${row.bloque}`,
    row.escalera === null ? undefined : `escalera ${row.escalera}`,
    row.planta === null ? undefined : `planta ${row.planta}`,
    row.puerta === null ? undefined : `puerta ${row.puerta}`,
  ];
  return parts.filter((p) => p !== undefined).join(', ');
}

function persona(row: InscriptionRow): VolantePersona {
  return {
    nombre: row.nombre,
    apellido1: row.apellido1,
    apellido2: row.apellido2,
    documento: row.documento,
    fechaNacimiento: row.fecha_nacimiento,
    lugarNacimiento: row.lugar_nacimiento,
    nacionalidad: row.nacionalidad,
    fechaAlta: row.fecha_alta,
    motivoAlta: row.motivo_alta,
  };
}

async function findInscribed(
  db: Queryable,
  by: 'p.documento' | 'p.id',
  value: string | number,
  municipality: string,
): Promise<InscriptionRow | undefined> {
  const { rows } = await db.query<InscriptionRow>(
    `SELECT ${INSCRIPTION_COLUMNS} ${INSCRIPTION_JOIN}
      WHERE ${by} = $1 AND i.fecha_baja IS NULL AND d.municipality_code = $2`,
    [value, municipality],
  );
  return rows[0];
}

/** The persona with DNI `documento` and a current inscripción in `municipality`, or undefined. */
export const findInscribedPersona = (db: Queryable, documento: string, municipality: string) =>
  findInscribed(db, 'p.documento', documento, municipality);

/** The persona `personaId` if still currently inscribed in `municipality`, or undefined. */
export const findInscribedPersonaById = (db: Queryable, personaId: number, municipality: string) =>
  findInscribed(db, 'p.id', personaId, municipality);

/** What a volante states, before it gets a CSV, an issue date and a verification URL. */
export interface VolanteContent {
  readonly municipio: VolanteDocument['municipio'];
  readonly domicilio: VolanteDocument['domicilio'];
  readonly personas: readonly VolantePersona[];
  readonly textos: VolanteTextos;
}

/** What the kiosk shows the citizen before issuing: the content and how long the volante is valid. */
export interface VolantePreview extends VolanteContent {
  readonly validezMeses: number;
}

/**
 * Who the volante of `kind` requested by `requester` lists, and where. Refuses a colectivo to a minor.
 * Reads padrón data: the caller logs the access.
 */
export async function volanteContent(
  db: Queryable,
  requester: InscriptionRow,
  municipality: string,
  kind: VolanteKind,
  now: Date,
): Promise<VolanteContent> {
  if (kind === 'colectivo' && ageOn(requester.fecha_nacimiento as IsoDate, madridDate(now)) < ADULT_AGE)
    throw new CentralServiceError('central.colectivo_not_allowed', 'requester under 18');
  let members: InscriptionRow[] = [requester];
  if (kind === 'colectivo') {
    const { rows } = await db.query<InscriptionRow>(
      `SELECT ${INSCRIPTION_COLUMNS} ${INSCRIPTION_JOIN}
        WHERE i.domicilio_id = $1 AND i.fecha_baja IS NULL
        ORDER BY p.fecha_nacimiento, p.id`,
      [requester.domicilio_id],
    );
    members = rows;
  }
  return {
    municipio: { codigoIne: municipality, nombre: requester.municipality_name },
    domicilio: {
      hoja: requester.hoja,
      direccion: direccion(requester),
      codigoPostal: requester.codigo_postal,
    },
    personas: members.map(persona),
    textos: {
      avisoPrivacidad: requester.aviso_privacidad ?? defaultAvisoPrivacidad(requester.municipality_name),
      pieVolante: requester.pie_volante,
    },
  };
}

/**
 * SHA-256 hex of the content's canonical JSON: equal hashes, equal volantes but for CSV and dates. The
 * texts count: a notice changed between preview and issue would print something the citizen was not shown.
 */
export function contentHash(content: VolanteContent): string {
  const { municipio, domicilio, personas, textos } = content;
  return createHash('sha256')
    .update(canonicalJson({ municipio, domicilio, personas, textos } as never))
    .digest('hex');
}

export interface IssueVolanteRequest {
  readonly requester: InscriptionRow;
  readonly content: VolanteContent;
  readonly kioskId: string;
  readonly kind: VolanteKind;
  readonly now: Date;
  readonly validityMonths: number;
  readonly seal: SealKey;
  readonly random: (size: number) => Uint8Array;
  /**
   * Runs in the transaction that stores the volante, after it: what must commit with it or not at all
   * (a grant spent on it). Throwing rolls the volante back.
   */
  readonly withStored?: (tx: Queryable, volanteId: number) => Promise<void>;
}

export async function issueVolante(db: Database, request: IssueVolanteRequest): Promise<IssuedVolante> {
  const { requester, content, now } = request;
  const validUntil = addMonths(now, request.validityMonths);
  // A CSV collision (2^-120 per pair) is retried with a fresh code, never reported.
  for (let attempt = 0; ; attempt++) {
    const csv = volanteCsv(request.random);
    const document: VolanteDocument = {
      documento: 'volante_empadronamiento',
      clase: request.kind,
      csv,
      municipio: content.municipio,
      expedidoEn: now.toISOString(),
      validoHasta: validUntil.toISOString(),
      domicilio: content.domicilio,
      personas: content.personas,
      urlVerificacion: `${requester.verification_url}?csv=${csv}`,
      textos: content.textos,
    };
    const canonical = canonicalJson(document as never);
    const bytes = new TextEncoder().encode(canonical);
    const dataHash = createHash('sha256').update(bytes).digest('hex');
    const seal = Buffer.from(await sealContent(request.seal, bytes, now)).toString('base64');
    try {
      const volanteId = await db.transaction(async (tx) => {
        const inserted = await tx.query<{ id: number }>(
          `INSERT INTO volantes (csv, kind, persona_id, domicilio_id, kiosk_id, issued_at, valid_until, data_hash,
             document, seal)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [
            csv,
            request.kind,
            requester.persona_id,
            requester.domicilio_id,
            request.kioskId,
            now,
            validUntil,
            dataHash,
            canonical,
            seal,
          ],
        );
        const id = inserted.rows[0]!.id;
        await logCitizenAccess(tx, {
          at: now,
          personaId: requester.persona_id,
          kioskId: request.kioskId,
          action: 'volante_issued',
          volanteId: id,
        });
        await request.withStored?.(tx, id);
        return id;
      });
      return {
        volanteId,
        csv,
        kind: request.kind,
        issuedAt: document.expedidoEn,
        validUntil: document.validoHasta,
        verificationUrl: document.urlVerificacion,
        document,
        canonical,
        dataHash,
        seal,
      };
    } catch (error) {
      const collision =
        error instanceof CentralDbError &&
        error.code === 'central_db.unique_violation' &&
        error.constraint === 'volantes_csv_unique';
      if (!collision || attempt >= 2) throw error;
    }
  }
}
