import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePersonalNumber } from '../../core/identity/index.ts';
import { parseReciboBarcode } from '../../core/recibos/index.ts';
import { ageOn } from './dates.ts';
import {
  type FixedPersona,
  type GeneratedHousehold,
  generatePadron,
  type PadronOptions,
} from './generator.ts';
import { PadronGeneratorError } from './generator-error.ts';
import { seededRandom } from './prng.ts';

const BASE: PadronOptions = {
  municipality: { ineCode: '47186', name: 'Villademo' },
  people: 300,
  referenceDate: '2026-11-23',
};

const CITIZENS: readonly FixedPersona[] = [
  {
    documento: '12345678Z',
    nombre: 'Carmen',
    apellido1: 'Española',
    apellido2: 'Española',
    sexo: 'M',
    fechaNacimiento: '1980-01-01',
  },
  {
    documento: 'X1234567L',
    nombre: 'Luca',
    apellido1: 'Rossi',
    sexo: 'H',
    fechaNacimiento: '2012-06-30',
    nacionalidad: 'ITA',
  },
];

function padron(seed: number, options: Partial<PadronOptions> = {}): GeneratedHousehold[] {
  return [...generatePadron(seededRandom(seed), { ...BASE, ...options })];
}

/** Every rule a generated padrón must keep, checked on one. */
function checkPadron(households: readonly GeneratedHousehold[], options: PadronOptions): void {
  const people = households.flatMap((h) => h.members);
  expect(people).toHaveLength(options.people);
  const documentos = people.flatMap((p) => (p.documento === null ? [] : [p.documento]));
  expect(new Set(documentos).size).toBe(documentos.length);
  const addresses = households.map((h) => {
    const d = h.domicilio;
    return [d.tipoVia, d.nombreVia, d.numero, d.escalera, d.planta, d.puerta].join('|');
  });
  expect(new Set(addresses).size).toBe(households.length);
  households.forEach((household, index) => {
    expect(household.domicilio.hoja).toBe(index + 1);
    expect(household.domicilio.codigoPostal.slice(0, 2)).toBe(options.municipality.ineCode.slice(0, 2));
    const ages = household.members.map((m) => ageOn(m.fechaNacimiento, options.referenceDate));
    // At least one adult, and the first member is one (so that a cut household keeps one).
    expect(ages[0]).toBeGreaterThanOrEqual(18);
    for (const member of household.members) {
      const age = ageOn(member.fechaNacimiento, options.referenceDate);
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThanOrEqual(120); // generated ones stay under 100; fixed ones are as given
      if (member.documento !== null && member.documentoTipo !== 'pasaporte') {
        // Throws on a wrong control letter.
        expect(parsePersonalNumber(member.documento).kind).toBe(member.documentoTipo);
      }
      if (member.documentoTipo === 'pasaporte') expect(member.documento).toMatch(/^[A-Z]{2}[0-9]{7}$/);
      expect(member.documentoTipo === null).toBe(member.documento === null);
      // Spaniards of 14 or more have a DNI (compulsory from 14).
      if (member.nacionalidad === 'ESP' && age >= 14) expect(member.documentoTipo).toBe('dni');
      expect(member.fechaAlta >= member.fechaNacimiento).toBe(true);
      expect(member.fechaAlta <= options.referenceDate).toBe(true);
      if (member.motivoAlta === 'nacimiento') expect(member.fechaAlta).toBe(member.fechaNacimiento);
    }
    for (const recibo of household.recibos) {
      expect(household.members[recibo.memberIndex]).toBeDefined();
      const parsed = parseReciboBarcode(recibo.barcode);
      expect(parsed).toMatchObject({
        modalidad: 2,
        emisora: recibo.emisora,
        referencia: recibo.referencia,
        referenciaControl: recibo.referenciaControl,
        identificacion: recibo.identificacion,
        importeCents: recibo.importeCents,
      });
      if (parsed.modalidad === 2) {
        const { year, month, day } = parsed.fechaLimite;
        expect(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`).toBe(
          recibo.fechaLimite,
        );
      }
    }
  });
  const referencias = households.flatMap((h) => h.recibos.map((r) => r.referencia));
  expect(new Set(referencias).size).toBe(referencias.length);
}

describe('generatePadron', () => {
  it('gives the same padrón for the same seed and another for another seed', () => {
    expect(padron(7)).toEqual(padron(7));
    expect(padron(8)).not.toEqual(padron(7));
  });

  it('keeps every rule for any seed, size and reference date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 400 }),
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2060-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (seed, people, date) => {
          const options = { ...BASE, people, referenceDate: date.toISOString().slice(0, 10) };
          checkPadron([...generatePadron(seededRandom(seed), options)], options);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('has households with several adults and minors, and minors under 18', () => {
    const households = padron(3, { people: 2_000 });
    checkPadron(households, { ...BASE, people: 2_000 });
    const shape = households.map((h) => {
      const ages = h.members.map((m) => ageOn(m.fechaNacimiento, BASE.referenceDate));
      return { adults: ages.filter((a) => a >= 18).length, minors: ages.filter((a) => a < 18).length };
    });
    expect(shape.some((s) => s.adults >= 2 && s.minors >= 2)).toBe(true);
    expect(shape.filter((s) => s.adults === 1 && s.minors === 0).length / shape.length).toBeGreaterThan(0.15);
    const people = households.flatMap((h) => h.members);
    expect(people.some((p) => p.documentoTipo === 'nie')).toBe(true);
    expect(people.some((p) => p.documentoTipo === null)).toBe(true);
    expect(people.some((p) => p.motivoAlta === 'nacimiento')).toBe(true);
    expect(households.some((h) => h.recibos.length > 0)).toBe(true);
  });

  it('draws names by frequency: García is the commonest first surname', () => {
    const counts = new Map<string, number>();
    for (const person of padron(11, { people: 5_000 }).flatMap((h) => h.members)) {
      counts.set(person.apellido1, (counts.get(person.apellido1) ?? 0) + 1);
    }
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    expect(ranked[0]?.[0]).toBe('García');
  });

  it("gives Spanish children their father's and their mother's first surnames", () => {
    const households = padron(5, { people: 3_000 });
    let checked = 0;
    for (const household of households) {
      const [father, mother, ...rest] = household.members;
      if (father === undefined || mother === undefined || father.sexo !== 'H' || mother.sexo !== 'M')
        continue;
      if (father.nacionalidad !== 'ESP' || ageOn(mother.fechaNacimiento, BASE.referenceDate) < 18) continue;
      for (const child of rest) {
        if (ageOn(child.fechaNacimiento, BASE.referenceDate) >= 18) continue;
        expect([child.apellido1, child.apellido2]).toEqual([father.apellido1, mother.apellido1]);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('puts the fixed personas first, as given, and never issues their documents to anyone else', () => {
    const households = padron(9, { people: 500, fixedPersonas: CITIZENS });
    checkPadron(households, { ...BASE, people: 500 });
    const people = households.flatMap((h) => h.members);
    const carmen = people.filter((p) => p.documento === '12345678Z');
    expect(carmen).toEqual([
      expect.objectContaining({
        nombre: 'Carmen',
        apellido1: 'Española',
        fechaNacimiento: '1980-01-01',
        documentoTipo: 'dni',
      }),
    ]);
    expect(households[0]?.members[0]?.documento).toBe('12345678Z');
    // Luca is 14: his household starts with an adult, and he keeps his NIE and nationality.
    const luca = households[1]?.members.find((m) => m.documento === 'X1234567L');
    expect(luca).toMatchObject({
      nombre: 'Luca',
      documentoTipo: 'nie',
      nacionalidad: 'ITA',
      apellido2: null,
    });
  });

  it('refuses a fixed persona with a wrong letter, repeated, or not fitting the size', () => {
    const bad = { ...CITIZENS[0]!, documento: '12345678A' };
    expect(() => generatePadron(seededRandom(1), { ...BASE, fixedPersonas: [bad] })).toThrow(
      PadronGeneratorError,
    );
    expect(() =>
      generatePadron(seededRandom(1), { ...BASE, fixedPersonas: [CITIZENS[0]!, CITIZENS[0]!] }),
    ).toThrow(PadronGeneratorError);
    expect(() => generatePadron(seededRandom(1), { ...BASE, people: 1, fixedPersonas: CITIZENS })).toThrow(
      PadronGeneratorError,
    );
  });

  it('refuses bad options before generating anything', () => {
    for (const options of [
      { people: -1 },
      { people: 1.5 },
      { referenceDate: '2026-02-30' },
      { municipality: { ineCode: '4718', name: 'X' } },
    ]) {
      expect(() => generatePadron(seededRandom(1), { ...BASE, ...options })).toThrow(PadronGeneratorError);
    }
  });

  it('for any options either generates or throws PadronGeneratorError, nothing else', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.record({
          ineCode: fc.oneof(
            { arbitrary: fc.stringMatching(/^[0-9]{5}$/), weight: 5 },
            fc.string({ maxLength: 6 }),
          ),
          name: fc.oneof(
            { arbitrary: fc.constantFrom('Villademo', 'Ñora'), weight: 5 },
            fc.string({ maxLength: 10 }),
          ),
          people: fc.oneof({ arbitrary: fc.integer({ min: -5, max: 60 }), weight: 5 }, fc.double()),
          referenceDate: fc.oneof(
            {
              weight: 5,
              arbitrary: fc
                .date({
                  min: new Date('1990-01-01T00:00:00Z'),
                  max: new Date('2100-01-01T00:00:00Z'),
                  noInvalidDate: true,
                })
                .map((d) => d.toISOString().slice(0, 10)),
            },
            fc.string({ maxLength: 12 }),
          ),
          documento: fc.oneof(
            { arbitrary: fc.constant('12345678Z'), weight: 5 },
            fc.string({ maxLength: 10 }),
          ),
        }),
        (o) => {
          let generated = false;
          try {
            const households = generatePadron(seededRandom(1), {
              municipality: { ineCode: o.ineCode, name: o.name },
              people: o.people,
              referenceDate: o.referenceDate,
              fixedPersonas: [{ ...CITIZENS[0]!, documento: o.documento }],
            });
            generated = true;
            checkPadron([...households], {
              municipality: { ineCode: o.ineCode, name: o.name },
              people: o.people,
              referenceDate: o.referenceDate,
            });
          } catch (error) {
            if (generated || !(error instanceof PadronGeneratorError)) throw error;
          }
          accepted += generated ? 1 : 0;
        },
      ),
      { numRuns: 200 },
    );
    expect(accepted).toBeGreaterThan(10);
  });

  it('streams: the first household comes without generating the rest', () => {
    const iterator = generatePadron(seededRandom(1), { ...BASE, people: 1_000_000 });
    const first = iterator.next();
    expect(first.done).toBe(false);
    expect(first.value?.domicilio.hoja).toBe(1);
  });
});
