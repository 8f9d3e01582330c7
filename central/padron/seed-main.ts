/**
 * Loads a synthetic padrón (demo data) into central's database, migrating it first:
 *
 *   node central/padron/seed-main.ts --url postgres://postgres@127.0.0.1:5432/cajero --people 20000
 *   node central/padron/seed-main.ts --pglite data/central-demo --people 2000 --fixed citizens.json
 *
 * `--fixed` names a JSON array of `FixedPersona` (documento, nombre, apellido1, apellido2, sexo,
 * fechaNacimiento…), each heading a household of their own. `--personas` names the file the virtual
 * DNIe writes (`simulators/dnie/main.ts --write-personas`): its people live together in one household
 * (demo-personas.ts) with pending recibos of their own, so that their cards find them in the padrón.
 * The municipality gets the demo texts (demo-textos.ts) where it has none.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CentralDbError, type Database, migrate, openPglite, openPostgres } from '../db/index.ts';
import { CentralConfigError } from '../service/config-error.ts';
import { readTextos, setTextos, TEXTO_KEYS, type TextosUpdate } from '../service/textos.ts';
import { fixedPersonasFromFile } from './demo-personas.ts';
import { demoTextos } from './demo-textos.ts';
import { generatePadron } from './generator.ts';
import { PadronGeneratorError } from './generator-error.ts';
import { ensureMunicipality, loadPadron } from './loader.ts';
import { seededRandom } from './prng.ts';
import type { FixedPersona } from './types.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    pglite: { type: 'string' },
    people: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    fixed: { type: 'string' },
    personas: { type: 'string' },
    'reference-date': { type: 'string', default: new Date().toISOString().slice(0, 10) },
    'ine-code': { type: 'string', default: '47186' },
    name: { type: 'string', default: 'Villademo' },
    'verification-url': { type: 'string', default: 'http://127.0.0.1:8090/verificar' },
  },
});

if ((values.url === undefined) === (values.pglite === undefined)) {
  console.error('Indique --url postgres://… o --pglite <carpeta> (uno de los dos).');
  process.exit(2);
}

let fixedPersonas: FixedPersona[];
try {
  fixedPersonas = [
    ...(values.personas === undefined
      ? []
      : fixedPersonasFromFile(readFileSync(values.personas, 'utf8'), values['reference-date'])),
    ...(values.fixed === undefined ? [] : (JSON.parse(readFileSync(values.fixed, 'utf8')) as FixedPersona[])),
  ];
} catch (error) {
  if (!(error instanceof PadronGeneratorError)) throw error;
  console.error(`${error.message}\n  ${error.code}: ${error.detail ?? ''}`);
  process.exit(1);
}
const db: Database =
  values.url !== undefined
    ? openPostgres({ connectionString: values.url, maxConnections: 2 })
    : await openPglite({ dataDir: values.pglite! });

try {
  const migrated = await migrate(db);
  if (migrated.applied.length > 0) console.log(`Migraciones aplicadas: ${migrated.applied.join(', ')}`);
  const ineCode = values['ine-code'];
  const municipalityName = `Ayuntamiento de ${values.name}`;
  await ensureMunicipality(db, {
    ineCode,
    name: municipalityName,
    verificationUrl: values['verification-url'],
  });
  // Demo texts only where none is set: a municipality's own texts are never overwritten by a reseed.
  const current = await readTextos(db, ineCode);
  const demo = demoTextos(municipalityName, values.name);
  const missing: TextosUpdate = Object.fromEntries(
    TEXTO_KEYS.filter((key) => current?.[key] === null).map((key) => [key, demo[key]]),
  );
  if (Object.keys(missing).length > 0) await setTextos(db, ineCode, missing);
  const households = generatePadron(seededRandom(Number(values.seed)), {
    municipality: { ineCode, name: values.name },
    people: Number(values.people),
    referenceDate: values['reference-date'],
    fixedPersonas,
  });
  const start = performance.now();
  const report = await loadPadron(db, ineCode, households, {
    onProgress: (r) => process.stdout.write(`\r${r.personas} personas…`),
  });
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `\r${report.personas} personas en ${report.households} domicilios, ${report.recibos} recibos pendientes (${seconds.toFixed(1)} s).`,
  );
} catch (error) {
  if (
    !(
      error instanceof CentralDbError ||
      error instanceof PadronGeneratorError ||
      error instanceof CentralConfigError
    )
  )
    throw error;
  console.error(`${error.message}\n  ${error.code}: ${error.detail ?? ''}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
