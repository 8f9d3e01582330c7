import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CentralDbError, toCentralDbError } from './db-error.ts';
import { openPostgres } from './pg-database.ts';

describe('toCentralDbError', () => {
  it('turns anything thrown into a CentralDbError, never throwing itself', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBigInt: true }), (thrown) => {
        expect(toCentralDbError(thrown, 'test')).toBeInstanceOf(CentralDbError);
      }),
    );
  });

  it('maps SQLSTATE classes to codes and keeps constraint names but not PostgreSQL detail', () => {
    const unique = toCentralDbError(
      {
        code: '23505',
        constraint: 'personas_documento_unique',
        table: 'personas',
        detail: 'Key (documento)=(12345678Z)',
      },
      'query',
    );
    expect(unique).toMatchObject({
      code: 'central_db.unique_violation',
      constraint: 'personas_documento_unique',
    });
    expect(unique.detail).not.toContain('12345678Z');
    const data = toCentralDbError(
      { code: '22007', message: 'invalid input syntax for type date: "1980-99-99"' },
      'q',
    );
    expect(data.code).toBe('central_db.invalid_value');
    expect(data.detail).not.toContain('1980-99-99');
    expect(toCentralDbError({ code: '42P01', message: 'relation "x" does not exist' }, 'q').code).toBe(
      'central_db.query_failed',
    );
    expect(toCentralDbError({ code: '57P01' }, 'q').code).toBe('central_db.unavailable');
  });

  it('reports an unreachable server as unavailable', async () => {
    const db = openPostgres({ connectionString: 'postgres://postgres@127.0.0.1:1/none' });
    try {
      await expect(db.query('SELECT 1')).rejects.toMatchObject({ code: 'central_db.unavailable' });
      await expect(db.transaction(async () => 1)).rejects.toMatchObject({ code: 'central_db.unavailable' });
    } finally {
      await db.close();
    }
  });
});
