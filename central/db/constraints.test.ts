import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlLetter, isValidNif } from '../../core/identity/index.ts';
import { buildReciboBarcode, parseReciboBarcode } from '../../core/recibos/index.ts';
import type { Queryable } from './database.ts';
import { CentralDbError, type CentralDbErrorCode } from './db-error.ts';
import { migrate } from './migrations.ts';
import { type OpenedDatabase, testBackends } from './test-backends.ts';

const FINGERPRINT_A = 'a'.repeat(64);
const FINGERPRINT_B = 'b'.repeat(64);

async function refused(promise: Promise<unknown>, code: CentralDbErrorCode): Promise<CentralDbError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CentralDbError);
  expect((error as CentralDbError).code).toBe(code);
  return error as CentralDbError;
}

async function insertPersona(db: Queryable, documento: string | null, nombre = 'Ana'): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO personas (documento_tipo, documento, nombre, apellido1, apellido2, sexo, fecha_nacimiento, nacionalidad)
     VALUES ($1, $2, $3, 'García', 'López', 'M', '1980-05-17', 'ESP') RETURNING id`,
    [documento === null ? null : /^[XYZ]/.test(documento) ? 'nie' : 'dni', documento, nombre],
  );
  return rows[0]!.id;
}

function insertVolante(db: Queryable, csv: string, personaId: number, domicilioId: number) {
  return db.query(
    `INSERT INTO volantes (csv, kind, persona_id, domicilio_id, kiosk_id, issued_at, valid_until, data_hash)
     VALUES ($1, 'individual', $2, $3, 'KIOSCO-1', '2026-11-23T10:00:00Z', '2027-02-23T10:00:00Z', $4)`,
    [csv, personaId, domicilioId, 'c'.repeat(64)],
  );
}

for (const backend of await testBackends('constraint tests')) {
  describe.skipIf(!backend.available)(`schema constraints on ${backend.name}`, () => {
    let opened: OpenedDatabase;
    let db: Queryable;
    let personaId: number;
    let domicilioId: number;

    beforeAll(async () => {
      opened = await backend.open('constraints');
      db = opened.db;
      await migrate(opened.db);
      await db.query(
        "INSERT INTO municipalities (ine_code, name, verification_url) VALUES ('47186', 'Villademo', 'https://sede.example/verificar')",
      );
      await db.query(
        "INSERT INTO kiosks (id, municipality_code, certificate_fingerprint) VALUES ('KIOSCO-1', '47186', $1)",
        [FINGERPRINT_A],
      );
      await db.query(
        "INSERT INTO kiosks (id, municipality_code, certificate_fingerprint) VALUES ('KIOSCO-2', '47186', $1)",
        [FINGERPRINT_B],
      );
      personaId = await insertPersona(db, '12345678Z');
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO domicilios (municipality_code, hoja, tipo_via, nombre_via, numero, planta, puerta, codigo_postal)
         VALUES ('47186', 1, 'calle', 'Mayor', 3, '2', 'B', '47110') RETURNING id`,
      );
      domicilioId = rows[0]!.id;
    });
    afterAll(async () => {
      await opened?.close();
    });

    it('refuses a second volante with the same CSV', async () => {
      await insertVolante(db, 'ABCDEF123456GHIJ', personaId, domicilioId);
      const error = await refused(
        insertVolante(db, 'ABCDEF123456GHIJ', personaId, domicilioId),
        'central_db.unique_violation',
      );
      expect(error.constraint).toBe('volantes_csv_unique');
      expect(error.sqlState).toBe('23505');
    });

    it('refuses an inscripción of a persona that does not exist', async () => {
      const error = await refused(
        db.query(
          "INSERT INTO inscripciones (persona_id, domicilio_id, fecha_alta, motivo_alta) VALUES ($1, $2, '2020-01-01', 'omision')",
          [personaId + 1_000_000, domicilioId],
        ),
        'central_db.foreign_key_violation',
      );
      expect(error.table).toBe('inscripciones');
    });

    it('refuses a second current inscripción of the same persona, accepts one after a baja', async () => {
      const alta = (fechaAlta: string) =>
        db.query(
          "INSERT INTO inscripciones (persona_id, domicilio_id, fecha_alta, motivo_alta) VALUES ($1, $2, $3, 'cambio_residencia')",
          [personaId, domicilioId, fechaAlta],
        );
      await alta('2010-01-01');
      await refused(alta('2015-01-01'), 'central_db.unique_violation');
      await db.query(
        "UPDATE inscripciones SET fecha_baja = '2014-12-31', motivo_baja = 'cambio_domicilio' WHERE persona_id = $1",
        [personaId],
      );
      await alta('2015-01-01');
    });

    it('stores SQL-looking text verbatim: it travels as a parameter, never as SQL', async () => {
      const tricky = "Robert'); DROP TABLE personas; -- \\ $1 ''";
      const id = await insertPersona(db, null, tricky);
      const { rows } = await db.query<{ nombre: string }>('SELECT nombre FROM personas WHERE id = $1', [id]);
      expect(rows[0]?.nombre).toBe(tricky);
      const count = await db.query<{ n: number }>(
        'SELECT count(*)::integer AS n FROM personas WHERE nombre = $1',
        [tricky],
      );
      expect(count.rows[0]?.n).toBe(1);
    });

    it('refuses a DNI whose letter is wrong, and an all-zero number, without echoing the number', async () => {
      const error = await refused(insertPersona(db, '87654321A'), 'central_db.check_violation');
      expect(error.constraint).toBe('personas_documento_valid');
      expect(`${error.message} ${error.detail}`).not.toContain('87654321');
      await refused(insertPersona(db, '00000000T'), 'central_db.check_violation');
      const dup = await refused(insertPersona(db, '12345678Z'), 'central_db.unique_violation');
      expect(`${dup.message} ${dup.detail}`).not.toContain('12345678');
    });

    it('checks DNI and NIE letters in SQL exactly as core/identity does', async () => {
      const documento = fc.oneof(
        fc.integer({ min: 0, max: 99_999_999 }).map((n) => String(n).padStart(8, '0')),
        fc
          .tuple(fc.constantFrom('X', 'Y', 'Z', 'K'), fc.integer({ min: 0, max: 9_999_999 }))
          .map(([p, n]) => p + String(n).padStart(7, '0')),
      );
      const candidate = fc
        .tuple(documento, fc.boolean(), fc.constantFrom(...'TRWAGMYFPDXBNJZSQVHLCKE'))
        .map(([body, right, other]) => body + (right ? controlLetter(body) : other));
      await fc.assert(
        fc.asyncProperty(fc.array(candidate, { minLength: 1, maxLength: 50 }), async (docs) => {
          const { rows } = await db.query<{ ok: boolean }>(
            'SELECT personal_number_valid(d) AS ok FROM unnest($1::text[]) WITH ORDINALITY AS u (d, n) ORDER BY n',
            [docs],
          );
          expect(rows.map((r) => r.ok)).toEqual(docs.map((d) => isValidNif(d)));
        }),
        { numRuns: 25 },
      );
    });

    it('stores each kiosk event once per kiosk: the idempotency key is unique per kiosk', async () => {
      const event = (kiosk: string) =>
        db.query(
          `INSERT INTO kiosk_events (kiosk_id, idempotency_key, event_type, occurred_at, payload)
           VALUES ($1, 'outbox-42', 'payment.completed', '2026-11-23T10:00:00Z', $2)`,
          [kiosk, { importeCents: 1000 }],
        );
      await event('KIOSCO-1');
      const error = await refused(event('KIOSCO-1'), 'central_db.unique_violation');
      expect(error.constraint).toBe('kiosk_events_idempotency');
      await event('KIOSCO-2');
      const { rows } = await db.query<{ payload: { importeCents: number } }>(
        "SELECT payload FROM kiosk_events WHERE kiosk_id = 'KIOSCO-2'",
      );
      expect(rows[0]?.payload).toEqual({ importeCents: 1000 });
    });

    it('refuses a revoked kiosk without a revocation time, and two kiosks with one certificate', async () => {
      await refused(
        db.query("UPDATE kiosks SET status = 'revoked' WHERE id = 'KIOSCO-2'"),
        'central_db.check_violation',
      );
      await refused(
        db.query(
          "INSERT INTO kiosks (id, municipality_code, certificate_fingerprint) VALUES ('KIOSCO-3', '47186', $1)",
          [FINGERPRINT_A],
        ),
        'central_db.unique_violation',
      );
    });

    it('keeps the access log append-only', async () => {
      await db.query(
        "INSERT INTO access_log (occurred_at, actor, persona_id, kiosk_id, action) VALUES (now(), 'citizen', $1, 'KIOSCO-1', 'padron_read')",
        [personaId],
      );
      await refused(db.query("UPDATE access_log SET action = 'volante_refused'"), 'central_db.query_failed');
      await refused(db.query('DELETE FROM access_log'), 'central_db.query_failed');
      await refused(
        db.query(
          "INSERT INTO access_log (occurred_at, actor, kiosk_id, action) VALUES (now(), 'citizen', 'KIOSCO-1', 'padron_read')",
        ),
        'central_db.check_violation',
      );
    });

    it('accepts a pending recibo whose fields match its barcode and refuses one that does not', async () => {
      const barcode = buildReciboBarcode({
        modalidad: 2,
        emisora: '471860',
        referencia: '2600000001',
        tributo: '100',
        ejercicio: 2026,
        importeCents: 12345,
        fechaLimite: { year: 2026, month: 12, day: 31 },
      });
      const r = parseReciboBarcode(barcode);
      const insert = (importe: number, code: string) =>
        db.query(
          `INSERT INTO recibos_pendientes (persona_id, emisora, modalidad, referencia, referencia_control, identificacion,
             tributo, ejercicio, importe_cents, fecha_limite, barcode)
           VALUES ($1, $2, 2, $3, $4, $5, $6, $7, $8, '2026-12-31', $9)`,
          [
            personaId,
            r.emisora,
            r.referencia,
            r.referenciaControl,
            r.identificacion,
            r.tributo,
            r.ejercicio,
            importe,
            code,
          ],
        );
      const error = await refused(insert(99_999, barcode), 'central_db.check_violation');
      expect(error.constraint).toBe('recibos_pendientes_barcode_matches');
      await insert(12345, barcode);
      await refused(insert(12345, barcode), 'central_db.unique_violation');
    });

    it('returns dates as YYYY-MM-DD text and counts as numbers on every engine', async () => {
      const { rows } = await db.query<{ fecha_nacimiento: string; n: number }>(
        'SELECT fecha_nacimiento, (SELECT count(*) FROM personas) AS n FROM personas WHERE id = $1',
        [personaId],
      );
      expect(rows[0]).toEqual({ fecha_nacimiento: '1980-05-17', n: expect.any(Number) });
    });

    it('rolls a transaction back when its work throws, and passes the error through', async () => {
      class Stop extends Error {}
      await expect(
        opened.db.transaction(async (tx) => {
          await insertPersona(tx, null, 'Rollback Test');
          throw new Stop('stop');
        }),
      ).rejects.toBeInstanceOf(Stop);
      const { rows } = await db.query<{ n: number }>(
        "SELECT count(*) AS n FROM personas WHERE nombre = 'Rollback Test'",
      );
      expect(rows[0]?.n).toBe(0);
    });
  });
}
