import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrations.ts';
import { type OpenedDatabase, testBackends } from '../db/test-backends.ts';
import {
  type FixedPersona,
  type GeneratedHousehold,
  generatePadron,
  type PadronOptions,
} from './generator.ts';
import { ensureMunicipality, loadPadron } from './loader.ts';
import { seededRandom } from './prng.ts';

const OPTIONS: PadronOptions = {
  municipality: { ineCode: '47186', name: 'Villademo' },
  people: 600,
  referenceDate: '2026-11-23',
  fixedPersonas: [
    {
      documento: '12345678Z',
      nombre: 'Carmen',
      apellido1: 'Española',
      apellido2: 'Española',
      sexo: 'M',
      fechaNacimiento: '1980-01-01',
    },
  ] satisfies FixedPersona[],
};

const MUNICIPALITY = {
  ineCode: '47186',
  name: 'Ayuntamiento de Villademo',
  verificationUrl: 'https://sede.villademo.example/verificar',
};

for (const backend of await testBackends('padrón loader tests')) {
  describe.skipIf(!backend.available)(`loadPadron on ${backend.name}`, () => {
    let opened: OpenedDatabase;
    let households: GeneratedHousehold[];
    const progress: number[] = [];

    beforeAll(async () => {
      opened = await backend.open('loader');
      await migrate(opened.db);
      await ensureMunicipality(opened.db, MUNICIPALITY);
      await ensureMunicipality(opened.db, MUNICIPALITY); // a second time changes nothing
      households = [...generatePadron(seededRandom(21), OPTIONS)];
      await loadPadron(opened.db, '47186', generatePadron(seededRandom(21), OPTIONS), {
        batchPeople: 128,
        onProgress: (report) => progress.push(report.personas),
      });
    });
    afterAll(async () => {
      await opened?.close();
    });

    async function count(sql: string): Promise<number> {
      const { rows } = await opened.db.query<{ n: number }>(sql);
      return rows[0]!.n;
    }

    it('stores every persona, domicilio, current inscripción and recibo, batch by batch', async () => {
      expect(await count('SELECT count(*) AS n FROM personas')).toBe(OPTIONS.people);
      expect(await count('SELECT count(*) AS n FROM domicilios')).toBe(households.length);
      expect(await count('SELECT count(*) AS n FROM inscripciones WHERE fecha_baja IS NULL')).toBe(
        OPTIONS.people,
      );
      expect(await count('SELECT count(*) AS n FROM recibos_pendientes')).toBe(
        households.reduce((sum, h) => sum + h.recibos.length, 0),
      );
      expect(progress.length).toBeGreaterThan(3);
      expect(progress.at(-1)).toBe(OPTIONS.people);
    });

    it('finds the fixed persona by DNI, in her domicilio, with her household', async () => {
      const { rows } = await opened.db.query<{
        nombre: string;
        fecha_nacimiento: string;
        hoja: number;
        convivientes: number;
      }>(
        `SELECT p.nombre, p.fecha_nacimiento, d.hoja,
                (SELECT count(*) FROM inscripciones o WHERE o.domicilio_id = d.id AND o.fecha_baja IS NULL) AS convivientes
         FROM personas p
         JOIN inscripciones i ON i.persona_id = p.id AND i.fecha_baja IS NULL
         JOIN domicilios d ON d.id = i.domicilio_id
         WHERE p.documento = $1`,
        ['12345678Z'],
      );
      expect(rows).toEqual([
        {
          nombre: 'Carmen',
          fecha_nacimiento: '1980-01-01',
          hoja: 1,
          convivientes: households[0]!.members.length,
        },
      ]);
    });

    it('keeps each household together and each recibo with its obligado', async () => {
      const sample = households[Math.floor(households.length / 2)]!;
      const { rows } = await opened.db.query<{ nombre: string; fecha_nacimiento: string }>(
        `SELECT p.nombre, p.fecha_nacimiento FROM domicilios d
         JOIN inscripciones i ON i.domicilio_id = d.id JOIN personas p ON p.id = i.persona_id
         WHERE d.hoja = $1 ORDER BY p.id`,
        [sample.domicilio.hoja],
      );
      expect(rows).toEqual(
        sample.members.map((m) => ({ nombre: m.nombre, fecha_nacimiento: m.fechaNacimiento })),
      );
      const withRecibo = households.find((h) => h.recibos.length > 0)!;
      const recibo = withRecibo.recibos[0]!;
      const owner = await opened.db.query<{ nombre: string; apellido1: string }>(
        'SELECT p.nombre, p.apellido1 FROM recibos_pendientes r JOIN personas p ON p.id = r.persona_id WHERE r.barcode = $1',
        [recibo.barcode],
      );
      const member = withRecibo.members[recibo.memberIndex]!;
      expect(owner.rows).toEqual([{ nombre: member.nombre, apellido1: member.apellido1 }]);
    });

    it('refuses to load the same padrón twice, keeping what was there', async () => {
      await expect(
        loadPadron(opened.db, '47186', generatePadron(seededRandom(21), OPTIONS)),
      ).rejects.toMatchObject({
        code: 'central_db.unique_violation',
      });
      expect(await count('SELECT count(*) AS n FROM personas')).toBe(OPTIONS.people);
    });
  });
}
