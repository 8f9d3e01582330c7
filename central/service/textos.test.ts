import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CentralDbError } from '../db/db-error.ts';
import { migrate } from '../db/migrations.ts';
import { type OpenedDatabase, testBackends } from '../db/test-backends.ts';
import { demoTextos } from '../padron/demo-textos.ts';
import { ensureMunicipality } from '../padron/loader.ts';
import { updateMunicipalityTextos } from './admin.ts';
import { CentralConfigError } from './config-error.ts';
import {
  checkTexto,
  defaultAvisoPrivacidad,
  parseTextosFile,
  parseTextosUpdate,
  readTextos,
  setTextos,
  TEXTO_KEYS,
  TEXTO_LIMITS,
} from './textos.ts';

const PIE =
  'Este volante tiene carácter informativo y no sustituye a la certificación de empadronamiento (art. 61 RPDT).';

const SQL_LIKE = [
  "Oficina'; DROP TABLE municipalities; --",
  "x' OR '1'='1",
  'texto; DELETE FROM volantes',
  'SELECT name FROM municipalities',
  'Padrón /* comentario */',
  '1 UNION SELECT password',
];

describe('checking one text', () => {
  it('keeps plain Spanish text with newlines, normalised', () => {
    expect(
      checkTexto('oficinaAtencion', '  Oficina del Padrón,\r\nPlaza Mayor 1 (9–14 h) ¿dudas? 983 000 000  '),
    ).toBe('Oficina del Padrón,\nPlaza Mayor 1 (9–14 h) ¿dudas? 983 000 000');
    expect(checkTexto('pieVolante', PIE)).toBe(PIE);
    // NFC: a decomposed accent counts and is stored as one character.
    expect(checkTexto('oficinaAtencion', 'Padro\u0301n')).toBe('Padrón');
  });

  it.each(TEXTO_KEYS)('refuses %s one character over its limit, counting characters not bytes', (key) => {
    const limit = TEXTO_LIMITS[key];
    expect(checkTexto(key, 'ñ'.repeat(limit))).toHaveLength(limit);
    expect(() => checkTexto(key, 'ñ'.repeat(limit + 1))).toThrow(
      expect.objectContaining({
        code: 'central_admin.textos_invalid',
        detail: `${key}: tiene ${limit + 1} caracteres y el máximo es ${limit}`,
      }),
    );
  });

  it.each(SQL_LIKE)('refuses SQL-looking text %j with a Spanish reason', (text) => {
    expect(() => checkTexto('oficinaAtencion', text)).toThrow(
      expect.objectContaining({ detail: expect.stringContaining('parece una orden SQL') }),
    );
  });

  it.each([
    ['<b>Aviso</b>', 'parece HTML'],
    ['Aviso &amp; más', 'parece HTML'],
    ['Aviso\ttabulado', 'caracteres de control'],
    ['Aviso\u001b@', 'caracteres de control'],
    ['Aviso\u200b invisible', 'caracteres de control'],
    ['Aviso\u2028línea', 'caracteres de control'],
    [' \n \n ', 'está vacío'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(() => checkTexto('avisoPrivacidad', text)).toThrow(
      expect.objectContaining({ detail: expect.stringContaining(reason) }),
    );
  });

  it('answers a storable text or a typed refusal, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TEXTO_KEYS),
        fc.string({ unit: 'grapheme', maxLength: 700 }),
        (key, raw) => {
          try {
            const text = checkTexto(key, raw);
            expect([...text].length).toBeLessThanOrEqual(TEXTO_LIMITS[key]);
            expect(text).toBe(text.trim());
            const controls = [...text].filter((c) => {
              const code = c.codePointAt(0) ?? 0;
              return c !== '\n' && (code < 0x20 || (code >= 0x7f && code <= 0x9f));
            });
            expect(controls).toEqual([]);
            // Idempotent: what is stored passes again unchanged.
            expect(checkTexto(key, text)).toBe(text);
          } catch (error) {
            expect(error).toBeInstanceOf(CentralConfigError);
            expect((error as CentralConfigError).code).toBe('central_admin.textos_invalid');
          }
        },
      ),
    );
  });

  it('names the municipality in the default notice, which fits even for the longest name', () => {
    expect(defaultAvisoPrivacidad('Ayuntamiento de Villademo')).toContain(
      'Responsable: Ayuntamiento de Villademo.',
    );
    const longest = defaultAvisoPrivacidad('A'.repeat(200));
    expect(checkTexto('avisoPrivacidad', longest)).toBe(longest);
  });

  it('has demo texts that pass the check', () => {
    const demo = demoTextos('Ayuntamiento de Villademo', 'Villademo');
    for (const key of TEXTO_KEYS) expect(checkTexto(key, demo[key]!)).toBe(demo[key]);
  });
});

describe('reading a textos.json', () => {
  it('takes any of the three keys, null clearing one', () => {
    expect(parseTextosFile(JSON.stringify({ pieVolante: PIE, oficinaAtencion: null }))).toEqual({
      pieVolante: PIE,
      oficinaAtencion: null,
    });
  });

  it.each([
    ['not JSON', '{"pieVolante": ', 'no es JSON válido'],
    ['an array', '["x"]', 'debe ser un objeto JSON'],
    ['null', 'null', 'debe ser un objeto JSON'],
    ['no key', '{}', 'no trae ningún texto'],
    ['an unknown key', '{"pieVolante": "x", "avisoPrivacida": "y"}', 'claves desconocidas: avisoPrivacida'],
    ['a number', '{"pieVolante": 61}', 'debe ser un texto entre comillas o null'],
    ['__proto__', '{"__proto__": {"pieVolante": "x"}}', 'claves desconocidas: __proto__'],
  ])('refuses %s', (_what, text, reason) => {
    expect(() => parseTextosFile(text)).toThrow(
      expect.objectContaining({
        code: 'central_admin.textos_invalid',
        detail: expect.stringContaining(reason),
      }),
    );
  });

  it('refuses the whole file when one text is bad', () => {
    expect(() => parseTextosUpdate({ pieVolante: PIE, oficinaAtencion: 'x'.repeat(201) })).toThrow(
      /no son válidos/,
    );
  });
});

for (const backend of await testBackends('municipality texts tests')) {
  describe.skipIf(!backend.available)(`municipality texts on ${backend.name}`, () => {
    let opened: OpenedDatabase;

    beforeAll(async () => {
      opened = await backend.open('textos');
      await migrate(opened.db);
      await ensureMunicipality(opened.db, {
        ineCode: '47186',
        name: 'Ayuntamiento de Villademo',
        verificationUrl: 'https://sede.villademo.example/verificar',
      });
    });
    afterAll(async () => {
      await opened?.close();
    });
    beforeEach(async () => {
      await opened.db.query(
        'UPDATE municipalities SET aviso_privacidad = NULL, pie_volante = NULL, oficina_atencion = NULL',
      );
    });

    it('starts with no texts, sets some, keeps the others, and clears one with null', async () => {
      expect(await readTextos(opened.db, '47186')).toEqual({
        avisoPrivacidad: null,
        pieVolante: null,
        oficinaAtencion: null,
      });
      await updateMunicipalityTextos(
        opened.db,
        '47186',
        JSON.stringify({ pieVolante: PIE, oficinaAtencion: 'Oficina del Padrón\nPlaza Mayor 1' }),
      );
      const after = await updateMunicipalityTextos(opened.db, '47186', '{"oficinaAtencion": null}');
      expect(after).toEqual({ avisoPrivacidad: null, pieVolante: PIE, oficinaAtencion: null });
      expect(await readTextos(opened.db, '47186')).toEqual(after);
    });

    it.each([
      ...SQL_LIKE.map((text) => JSON.stringify({ pieVolante: 'Nota válida.', oficinaAtencion: text })),
      JSON.stringify({ pieVolante: 'Nota válida.', avisoPrivacidad: 'x'.repeat(601) }),
      JSON.stringify({ pieVolante: 'Nota válida.', firma: 'x' }),
    ])('refuses %s and changes nothing', async (file) => {
      await setTextos(opened.db, '47186', { pieVolante: PIE });
      const before = await readTextos(opened.db, '47186');
      await expect(updateMunicipalityTextos(opened.db, '47186', file)).rejects.toMatchObject({
        code: 'central_admin.textos_invalid',
      });
      expect(await readTextos(opened.db, '47186')).toEqual(before);
    });

    it('refuses an unknown municipality and a malformed INE code', async () => {
      await expect(updateMunicipalityTextos(opened.db, '28079', '{"pieVolante": "x"}')).rejects.toMatchObject(
        {
          code: 'central_admin.municipality_unknown',
        },
      );
      await expect(
        updateMunicipalityTextos(opened.db, "47186' OR '1'='1", '{"pieVolante": "x"}'),
      ).rejects.toMatchObject({ code: 'central_admin.usage' });
    });

    it('keeps a control character or an over-long text out even past the admin command', async () => {
      for (const [column, value] of [
        ['pie_volante', 'nota\tcon tabulador'],
        ['aviso_privacidad', 'aviso\u001b'],
        ['oficina_atencion', 'x'.repeat(201)],
        ['pie_volante', ' \n '],
      ] as const) {
        const refused = await opened.db
          .query(`UPDATE municipalities SET ${column} = $1 WHERE ine_code = '47186'`, [value])
          .catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(CentralDbError);
        expect(refused).toMatchObject({
          code: 'central_db.check_violation',
          constraint: `municipalities_${column}_check`,
        });
      }
      // The newline is allowed.
      await opened.db.query(`UPDATE municipalities SET pie_volante = $1 WHERE ine_code = '47186'`, ['a\nb']);
      expect((await readTextos(opened.db, '47186'))?.pieVolante).toBe('a\nb');
    });
  });
}
