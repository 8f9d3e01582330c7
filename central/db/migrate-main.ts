/**
 * Applies central's migrations: `node central/db/migrate-main.ts postgres://user@host:5432/db`, or
 * with `DATABASE_URL` set. Prints what it applied; exits 1 with the reason when it refuses.
 */
import { CentralDbError } from './db-error.ts';
import { migrate } from './migrations.ts';
import { openPostgres } from './pg-database.ts';

const url = process.argv[2] ?? process.env.DATABASE_URL;
if (url === undefined || url === '') {
  console.error(
    'Uso: node central/db/migrate-main.ts postgres://usuario@servidor:5432/base  (o DATABASE_URL)',
  );
  process.exit(2);
}
const db = openPostgres({ connectionString: url, maxConnections: 1 });
try {
  const report = await migrate(db);
  console.log(
    report.applied.length === 0
      ? `Nada que aplicar (ya aplicadas: ${report.alreadyApplied.join(', ') || 'ninguna'}).`
      : `Aplicadas: ${report.applied.join(', ')} (ya estaban: ${report.alreadyApplied.join(', ') || 'ninguna'}).`,
  );
} catch (error) {
  if (!(error instanceof CentralDbError)) throw error;
  console.error(`${error.message}\n  ${error.code}: ${error.detail ?? ''}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
