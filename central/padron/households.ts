/**
 * Who lives together in a synthetic household, before names and documents: sexes, ages, and which
 * members are the children of which (for surnames). Adults always come first.
 */
import { ageOn, type IsoDate } from './dates.ts';
import { chance, type Random, randomInt, weighted } from './prng.ts';
import type { FixedPersona, Sexo } from './types.ts';

export type HouseholdKind =
  | 'solo'
  | 'pareja'
  | 'pareja_hijos'
  | 'monoparental'
  | 'pareja_hijos_adultos'
  | 'compartido'
  | 'tres_generaciones';

/** Shares shaped like INE's Encuesta Continua de Hogares (one in four households is one person). */
export const HOUSEHOLD_KINDS = weighted<HouseholdKind>([
  ['solo', 26],
  ['pareja', 21],
  ['pareja_hijos', 22],
  ['monoparental', 8],
  ['pareja_hijos_adultos', 12],
  ['compartido', 6],
  ['tres_generaciones', 5],
]);

/** A member before names and documents: who they are in the household. */
export interface Sketch {
  readonly sexo: Sexo;
  readonly age: number;
  /** Children take their surnames from `parents` (indexes of earlier sketches). */
  readonly parents?: readonly number[];
  readonly fixed?: FixedPersona;
  /** A drawn member's first surname when it must match a fixed child's (the child's father). */
  readonly apellido1?: string;
}

function otherSex(sexo: Sexo): Sexo {
  return sexo === 'H' ? 'M' : 'H';
}

/** A partner's age: within a few years, adult. */
function partnerAge(random: Random, age: number): number {
  return Math.max(18, Math.min(100, age + randomInt(random, -4, 4)));
}

function minorsOf(
  random: Random,
  count: number,
  youngestParentAge: number,
  parents: readonly number[],
): Sketch[] {
  const oldest = Math.min(17, youngestParentAge - 18);
  return Array.from({ length: count }, () => ({
    sexo: chance(random, 0.5) ? ('H' as const) : ('M' as const),
    age: randomInt(random, 0, oldest),
    parents,
  }));
}

/** Who lives in a household of this kind. Adults first; children's ages fit their parents'. */
export function sketchHousehold(random: Random, kind: HouseholdKind): Sketch[] {
  const sex = (): Sexo => (chance(random, 0.5) ? 'H' : 'M');
  switch (kind) {
    case 'solo':
      return [
        { sexo: sex(), age: chance(random, 0.5) ? randomInt(random, 20, 64) : randomInt(random, 65, 95) },
      ];
    case 'pareja': {
      const age = randomInt(random, 22, 90);
      return [
        { sexo: 'H', age },
        { sexo: chance(random, 0.95) ? 'M' : 'H', age: partnerAge(random, age) },
      ];
    }
    case 'pareja_hijos': {
      const a = randomInt(random, 26, 55);
      const b = partnerAge(random, a);
      return [
        { sexo: 'H', age: a },
        { sexo: chance(random, 0.95) ? 'M' : 'H', age: b },
        ...minorsOf(random, randomInt(random, 1, 3), Math.min(a, b), [0, 1]),
      ];
    }
    case 'monoparental': {
      const age = randomInt(random, 24, 55);
      return [
        { sexo: chance(random, 0.8) ? 'M' : 'H', age },
        ...minorsOf(random, randomInt(random, 1, 2), age, [0]),
      ];
    }
    case 'pareja_hijos_adultos': {
      const a = randomInt(random, 45, 72);
      const b = partnerAge(random, a);
      const youngest = Math.min(a, b);
      const adultChildren = Array.from({ length: randomInt(random, 1, 2) }, () => ({
        sexo: sex(),
        age: randomInt(random, 18, Math.min(35, youngest - 18)),
        parents: [0, 1],
      }));
      const minor = youngest <= 60 && chance(random, 0.3) ? minorsOf(random, 1, youngest, [0, 1]) : [];
      return [{ sexo: 'H', age: a }, { sexo: 'M', age: b }, ...adultChildren, ...minor];
    }
    case 'compartido':
      return Array.from({ length: randomInt(random, 2, 4) }, () => ({
        sexo: sex(),
        age: randomInt(random, 19, 40),
      }));
    case 'tres_generaciones': {
      const a = randomInt(random, 30, 55);
      const b = partnerAge(random, a);
      const grandparent = {
        sexo: sex(),
        age: randomInt(random, Math.max(65, a + 20), Math.max(65, a + 20) + 10),
        parents: [],
      };
      return [
        { sexo: 'H', age: a },
        { sexo: 'M', age: b },
        grandparent,
        ...minorsOf(random, randomInt(random, 1, 2), Math.min(a, b), [0, 1]),
      ];
    }
  }
}

/** A fixed persona's household: with a partner and children, or (a minor) with a parent. */
export function sketchFixedHousehold(random: Random, fixed: FixedPersona, referenceDate: IsoDate): Sketch[] {
  const age = ageOn(fixed.fechaNacimiento, referenceDate);
  const self: Sketch = { sexo: fixed.sexo, age, fixed };
  if (age < 18) {
    return [
      { sexo: chance(random, 0.5) ? 'H' : 'M', age: age + randomInt(random, 22, 38) },
      { ...self, parents: [0] },
    ];
  }
  const household: Sketch[] = [self];
  if (chance(random, 0.6)) household.push({ sexo: otherSex(fixed.sexo), age: partnerAge(random, age) });
  if (age >= 24 && age <= 55 && chance(random, 0.5)) {
    const parents = household.length === 2 ? [0, 1] : [0];
    const youngest = Math.min(...household.map((s) => s.age));
    if (youngest >= 19) household.push(...minorsOf(random, randomInt(random, 1, 2), youngest, parents));
  }
  return household;
}

/**
 * Fixed personas who live together (same `hogar`): the adults first; when one adult is fixed, a drawn
 * partner (the father of the fixed children when their second surname is the adult's first) and a
 * grandparent, so that a volante colectivo lists several adults; the fixed minors as children of the
 * first adult and the partner, and one drawn minor more when the parents' ages allow it.
 */
export function sketchFixedGroup(
  random: Random,
  group: readonly FixedPersona[],
  referenceDate: IsoDate,
): Sketch[] {
  const withAge = group.map((fixed) => ({ fixed, age: ageOn(fixed.fechaNacimiento, referenceDate) }));
  const adults = withAge.filter((m) => m.age >= 18);
  const minors = withAge.filter((m) => m.age < 18);
  const first = adults[0];
  if (first === undefined) {
    const oldest = Math.max(...minors.map((m) => m.age));
    return [
      { sexo: chance(random, 0.5) ? 'H' : 'M', age: oldest + randomInt(random, 22, 38) },
      ...minors.map((m) => ({ sexo: m.fixed.sexo, age: m.age, fixed: m.fixed, parents: [0] })),
    ];
  }
  const household: Sketch[] = adults.map((m) => ({ sexo: m.fixed.sexo, age: m.age, fixed: m.fixed }));
  let parents = adults.length >= 2 ? [0, 1] : [0];
  if (adults.length === 1) {
    const childOfFirst = minors.find((m) => m.fixed.apellido2 === first.fixed.apellido1);
    household.push({
      sexo: otherSex(first.fixed.sexo),
      // Old enough to be the father or mother of the fixed minors.
      age: Math.max(partnerAge(random, first.age), Math.max(0, ...minors.map((m) => m.age)) + 19),
      ...(childOfFirst === undefined ? {} : { apellido1: childOfFirst.fixed.apellido1 }),
    });
    const elder = Math.max(65, first.age + 20);
    household.push({
      sexo: chance(random, 0.5) ? 'H' : 'M',
      age: randomInt(random, elder, elder + 10),
      parents: [],
    });
    parents = [0, 1];
  }
  household.push(...minors.map((m) => ({ sexo: m.fixed.sexo, age: m.age, fixed: m.fixed, parents })));
  const youngestParent = Math.min(...parents.map((i) => household[i]!.age));
  if (youngestParent >= 19) household.push(...minorsOf(random, 1, youngestParent, parents));
  return household;
}
