/**
 * Loads a generated padrón into central's database in batches: each batch is one transaction of a few
 * statements whose rows travel as array parameters unnested by the server
 * (`INSERT … SELECT * FROM unnest($1::text[], …)`). Multi-row inserts with one placeholder per value hit
 * PostgreSQL's 65 535-parameter limit and re-plan for every batch size; COPY needs a stream library
 * `pg` does not have. Unnest works the same on `pg` and PGlite and loads a million people in a few
 * minutes on a laptop-class server (figures in central/README.md).
 */
import type { Database, Queryable } from '../db/index.ts';
import type { GeneratedHousehold } from './generator.ts';

export interface MunicipalityRow {
  readonly ineCode: string;
  readonly name: string;
  readonly verificationUrl: string;
  readonly hostingBody?: string | null;
}

export interface LoadReport {
  readonly households: number;
  readonly personas: number;
  readonly recibos: number;
}

export interface LoadOptions {
  /** Personas per transaction; the default keeps memory small and round trips few. */
  readonly batchPeople?: number;
  /** Called after each batch with the running totals. */
  readonly onProgress?: (report: LoadReport) => void;
}

/** Adds the municipality, or leaves it as it is when its INE code is already there. */
export async function ensureMunicipality(db: Queryable, municipality: MunicipalityRow): Promise<void> {
  await db.query(
    `INSERT INTO municipalities (ine_code, name, verification_url, hosting_body)
     VALUES ($1, $2, $3, $4) ON CONFLICT (ine_code) DO NOTHING`,
    [municipality.ineCode, municipality.name, municipality.verificationUrl, municipality.hostingBody ?? null],
  );
}

/** `n` fresh values of an identity column's sequence, so that rows can be linked before they are inserted. */
async function reserveIds(tx: Queryable, table: 'personas' | 'domicilios', n: number): Promise<number[]> {
  const { rows } = await tx.query<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence($1, 'id')) AS id FROM generate_series(1, $2::integer)`,
    [table, n],
  );
  return rows.map((row) => row.id);
}

async function insertBatch(
  tx: Queryable,
  ineCode: string,
  batch: readonly GeneratedHousehold[],
): Promise<LoadReport> {
  const domicilioIds = await reserveIds(tx, 'domicilios', batch.length);
  const personCount = batch.reduce((sum, household) => sum + household.members.length, 0);
  const personaIds = await reserveIds(tx, 'personas', personCount);

  const d = {
    id: domicilioIds,
    hoja: [] as number[],
    tipoVia: [] as string[],
    nombreVia: [] as string[],
    numero: [] as number[],
    escalera: [] as (string | null)[],
    planta: [] as (string | null)[],
    puerta: [] as (string | null)[],
    cp: [] as string[],
  };
  const p = {
    id: personaIds,
    tipo: [] as (string | null)[],
    documento: [] as (string | null)[],
    nombre: [] as string[],
    apellido1: [] as string[],
    apellido2: [] as (string | null)[],
    sexo: [] as string[],
    nacimiento: [] as string[],
    lugar: [] as string[],
    nacionalidad: [] as string[],
  };
  const i = {
    persona: [] as number[],
    domicilio: [] as number[],
    alta: [] as string[],
    motivo: [] as string[],
  };
  const r = {
    persona: [] as number[],
    emisora: [] as string[],
    referencia: [] as string[],
    control: [] as string[],
    identificacion: [] as string[],
    tributo: [] as string[],
    ejercicio: [] as number[],
    importe: [] as number[],
    limite: [] as string[],
    barcode: [] as string[],
  };

  let next = 0;
  batch.forEach((household, h) => {
    const domicilioId = domicilioIds[h]!;
    const dom = household.domicilio;
    d.hoja.push(dom.hoja);
    d.tipoVia.push(dom.tipoVia);
    d.nombreVia.push(dom.nombreVia);
    d.numero.push(dom.numero);
    d.escalera.push(dom.escalera);
    d.planta.push(dom.planta);
    d.puerta.push(dom.puerta);
    d.cp.push(dom.codigoPostal);
    const memberIds = household.members.map((member) => {
      const id = personaIds[next++]!;
      p.tipo.push(member.documentoTipo);
      p.documento.push(member.documento);
      p.nombre.push(member.nombre);
      p.apellido1.push(member.apellido1);
      p.apellido2.push(member.apellido2);
      p.sexo.push(member.sexo);
      p.nacimiento.push(member.fechaNacimiento);
      p.lugar.push(member.lugarNacimiento);
      p.nacionalidad.push(member.nacionalidad);
      i.persona.push(id);
      i.domicilio.push(domicilioId);
      i.alta.push(member.fechaAlta);
      i.motivo.push(member.motivoAlta);
      return id;
    });
    for (const recibo of household.recibos) {
      r.persona.push(memberIds[recibo.memberIndex]!);
      r.emisora.push(recibo.emisora);
      r.referencia.push(recibo.referencia);
      r.control.push(recibo.referenciaControl);
      r.identificacion.push(recibo.identificacion);
      r.tributo.push(recibo.tributo);
      r.ejercicio.push(recibo.ejercicio);
      r.importe.push(recibo.importeCents);
      r.limite.push(recibo.fechaLimite);
      r.barcode.push(recibo.barcode);
    }
  });

  await tx.query(
    `INSERT INTO domicilios (id, municipality_code, hoja, tipo_via, nombre_via, numero, escalera, planta, puerta, codigo_postal)
     SELECT u.id, $1, u.hoja, u.tipo_via, u.nombre_via, u.numero, u.escalera, u.planta, u.puerta, u.cp
     FROM unnest($2::bigint[], $3::integer[], $4::text[], $5::text[], $6::integer[], $7::text[], $8::text[], $9::text[], $10::text[])
       AS u (id, hoja, tipo_via, nombre_via, numero, escalera, planta, puerta, cp)`,
    [ineCode, d.id, d.hoja, d.tipoVia, d.nombreVia, d.numero, d.escalera, d.planta, d.puerta, d.cp],
  );
  await tx.query(
    `INSERT INTO personas (id, documento_tipo, documento, nombre, apellido1, apellido2, sexo, fecha_nacimiento,
                           lugar_nacimiento, nacionalidad)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::date[], $9::text[], $10::text[])`,
    [
      p.id,
      p.tipo,
      p.documento,
      p.nombre,
      p.apellido1,
      p.apellido2,
      p.sexo,
      p.nacimiento,
      p.lugar,
      p.nacionalidad,
    ],
  );
  await tx.query(
    `INSERT INTO inscripciones (persona_id, domicilio_id, fecha_alta, motivo_alta)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::date[], $4::text[])`,
    [i.persona, i.domicilio, i.alta, i.motivo],
  );
  if (r.persona.length > 0) {
    await tx.query(
      `INSERT INTO recibos_pendientes (persona_id, emisora, modalidad, referencia, referencia_control, identificacion,
                                       tributo, ejercicio, importe_cents, fecha_limite, barcode)
       SELECT u.persona, u.emisora, 2, u.referencia, u.control, u.identificacion, u.tributo, u.ejercicio, u.importe,
              u.limite, u.barcode
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::smallint[],
                   $8::integer[], $9::date[], $10::text[])
         AS u (persona, emisora, referencia, control, identificacion, tributo, ejercicio, importe, limite, barcode)`,
      [
        r.persona,
        r.emisora,
        r.referencia,
        r.control,
        r.identificacion,
        r.tributo,
        r.ejercicio,
        r.importe,
        r.limite,
        r.barcode,
      ],
    );
  }
  return { households: batch.length, personas: personCount, recibos: r.persona.length };
}

/**
 * Inserts the households (from `generatePadron`) for a municipality already in `municipalities`.
 * Batches commit one by one: a failure leaves the earlier batches loaded and throws `CentralDbError`.
 */
export async function loadPadron(
  db: Database,
  ineCode: string,
  households: Iterable<GeneratedHousehold>,
  options: LoadOptions = {},
): Promise<LoadReport> {
  const batchPeople = options.batchPeople ?? 5_000;
  let total: LoadReport = { households: 0, personas: 0, recibos: 0 };
  let batch: GeneratedHousehold[] = [];
  let batchSize = 0;
  const flush = async () => {
    const done = await db.transaction((tx) => insertBatch(tx, ineCode, batch));
    total = {
      households: total.households + done.households,
      personas: total.personas + done.personas,
      recibos: total.recibos + done.recibos,
    };
    batch = [];
    batchSize = 0;
    options.onProgress?.(total);
  };
  for (const household of households) {
    batch.push(household);
    batchSize += household.members.length;
    if (batchSize >= batchPeople) await flush();
  }
  if (batch.length > 0) await flush();
  return total;
}
