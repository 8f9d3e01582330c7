/** Central's configuration for the kiosk as the sync client takes it off the wire. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CentralConfig, parseCentralConfig } from './central-config.ts';

const GOOD: CentralConfig = {
  municipality: {
    ineCode: '47186',
    name: 'Ayuntamiento de Villademo',
    verificationUrl: 'http://127.0.0.1:8090/verificar',
    hostedBy: null,
  },
  textos: {
    avisoPrivacidad: 'Responsable: Ayuntamiento de Villademo.',
    pieVolante: null,
    oficinaAtencion: 'Oficina del Padrón, Plaza Mayor 1, de lunes a viernes de 9 a 14 h',
  },
  emisoras: ['471860'],
  version: 'ab'.repeat(32),
};

describe('parseCentralConfig', () => {
  it('takes the shape central sends, dropping fields it does not know', () => {
    expect(parseCentralConfig({ ...GOOD, extra: 1 }, '47186')).toEqual({ ok: true, config: GOOD });
    const hosted = { ...GOOD, municipality: { ...GOOD.municipality, hostedBy: 'Diputación de Valladolid' } };
    expect(parseCentralConfig(hosted).ok).toBe(true);
  });

  it('refuses a configuration of another municipality than the kiosk', () => {
    const other = parseCentralConfig(GOOD, '28079');
    expect(other.ok).toBe(false);
    expect(!other.ok && other.detail).toContain('municipality.ineCode');
  });

  it('refuses garbage, naming paths and never the values', () => {
    const cases: [unknown, string][] = [
      [{ ...GOOD, version: 'v1' }, 'version'],
      [{ ...GOOD, emisoras: ['47186'] }, 'emisoras.0'],
      [{ ...GOOD, textos: { ...GOOD.textos, pieVolante: 'x'.repeat(401) } }, 'textos.pieVolante'],
      [{ ...GOOD, textos: { ...GOOD.textos, avisoPrivacidad: 'SECRETO\u001b@' } }, 'textos.avisoPrivacidad'],
      [
        { ...GOOD, municipality: { ...GOOD.municipality, verificationUrl: 'file:///etc/passwd' } },
        'verificationUrl',
      ],
      [{ ...GOOD, textos: undefined }, 'textos'],
    ];
    for (const [raw, path] of cases) {
      const parsed = parseCentralConfig(raw);
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.detail).toContain(path);
      expect(!parsed.ok && parsed.detail).not.toContain('SECRETO');
    }
  });

  it('any JSON is either a configuration of the right shape or refused, never a throw', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = parseCentralConfig(value);
        if (parsed.ok) expect(parsed.config.version).toMatch(/^[0-9a-f]{64}$/u);
        else expect(parsed.detail.length).toBeGreaterThan(0);
      }),
    );
    // Mutations of a good one: each field replaced by any JSON value.
    const keys = ['municipality', 'textos', 'emisoras', 'version'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue(), (key, value) => {
        const parsed = parseCentralConfig({ ...GOOD, [key]: value });
        if (parsed.ok) expect(parseCentralConfig(parsed.config)).toEqual(parsed);
      }),
    );
  });
});
