/**
 * For tests and the benchmark only: a small padrón around the test DNIe's holder (drivers/pki/testing's
 * TEST_DNI). Villademo hoja 1: her, her partner and their child (no document); hoja 2: a minor with a
 * DNI of his own and his mother; Madrid: one man. STRANGER_DNI is in no padrón.
 */
import { TEST_DNI } from '../../drivers/pki/testing/index.ts';
import type { Queryable } from '../db/index.ts';
import { ensureMunicipality } from '../padron/loader.ts';

export const VILLADEMO = {
  ineCode: '47186',
  name: 'Ayuntamiento de Villademo',
  verificationUrl: 'https://sede.villademo.example/verificar',
};
export const MADRID = {
  ineCode: '28079',
  name: 'Ayuntamiento de Madrid',
  verificationUrl: 'https://sede.madrid.example/verificar',
};

export function dni(number: number): string {
  const digits = String(number).padStart(8, '0');
  return `${digits}${'TRWAGMYFPDXBNJZSQVHLCKE'[number % 23]}`;
}

export const MINOR_DNI = dni(99999010);
export const MADRID_DNI = dni(99999011);
export const STRANGER_DNI = dni(99999012);

export async function seedPadron(db: Queryable): Promise<void> {
  await ensureMunicipality(db, VILLADEMO);
  await ensureMunicipality(db, MADRID);
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO domicilios (municipality_code, hoja, tipo_via, nombre_via, numero, planta, puerta, codigo_postal)
     VALUES ('47186', 1, 'calle', 'Mayor', 3, '2', 'B', '47100'),
            ('47186', 2, 'plaza', 'España', 1, NULL, NULL, '47100'),
            ('28079', 1, 'calle', 'Alcalá', 10, NULL, NULL, '28001')
     RETURNING id`,
  );
  const [home, other, madrid] = rows.map((r) => r.id) as [number, number, number];
  const people: [string | null, string, string, string, string, number][] = [
    [TEST_DNI, 'MARÍA', 'ESPAÑOLA', 'M', '1980-05-04', home],
    [dni(99999013), 'JUAN', 'PÉREZ', 'H', '1978-01-20', home],
    [null, 'LUCÍA', 'PÉREZ', 'M', '2016-09-30', home],
    [MINOR_DNI, 'PABLO', 'GÓMEZ', 'H', '2012-02-02', other],
    [dni(99999014), 'ANA', 'GÓMEZ', 'M', '1975-03-03', other],
    [MADRID_DNI, 'LUIS', 'MADRILEÑO', 'H', '1970-07-07', madrid],
  ];
  for (const [documento, nombre, apellido1, sexo, nacimiento, domicilio] of people) {
    const persona = await db.query<{ id: number }>(
      `INSERT INTO personas (documento_tipo, documento, nombre, apellido1, apellido2, sexo, fecha_nacimiento,
         lugar_nacimiento, nacionalidad)
       VALUES ($1, $2, $3, $4, 'ESPAÑOLA', $5, $6, 'Valladolid', 'ESP') RETURNING id`,
      [documento === null ? null : 'dni', documento, nombre, apellido1, sexo, nacimiento],
    );
    await db.query(
      `INSERT INTO inscripciones (persona_id, domicilio_id, fecha_alta, motivo_alta)
       VALUES ($1, $2, '2020-01-15', 'cambio_residencia')`,
      [persona.rows[0]!.id, domicilio],
    );
  }
}
