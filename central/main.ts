/**
 * central's command line.
 *
 *   node central/main.ts serve --config FILE
 *   node central/main.ts admin init-ca [--config FILE] [--host NAME]…
 *   node central/main.ts admin enrol --kiosk ID --municipality INE [--config FILE] [--out DIR]
 *   node central/main.ts admin revoke --kiosk ID [--config FILE]
 *   node central/main.ts admin seal --municipality INE [--config FILE]   (a DEMO seal certificate)
 *   node central/main.ts admin textos --municipality INE --file textos.json [--config FILE]
 *
 * Without --config the defaults apply (PGlite in ./data/central, PKI in ./pki, loopback listeners).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { KioskError } from '../drivers/common/kiosk-error.ts';
import { migrate } from './db/index.ts';
import {
  type CentralConfig,
  CentralConfigError,
  createDemoSeal,
  enrolKiosk,
  initCa,
  loadCentralConfig,
  openConfiguredDatabase,
  parseCentralConfig,
  readCa,
  revokeKiosk,
  startCentral,
  updateMunicipalityTextos,
  writeKioskCredential,
} from './service/index.ts';

const USAGE = `usage:
  node central/main.ts serve --config FILE
  node central/main.ts admin init-ca [--config FILE] [--host NAME]...
  node central/main.ts admin enrol --kiosk ID --municipality INE [--config FILE] [--out DIR]
  node central/main.ts admin revoke --kiosk ID [--config FILE]
  node central/main.ts admin seal --municipality INE [--config FILE]
  node central/main.ts admin textos --municipality INE --file textos.json [--config FILE]`;

function configFrom(file: string | undefined): CentralConfig {
  return file === undefined ? parseCentralConfig({}) : loadCentralConfig(file);
}

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      file: { type: 'string' },
      host: { type: 'string', multiple: true },
      kiosk: { type: 'string' },
      municipality: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const logger = pino({ level: process.env.CENTRAL_LOG_LEVEL ?? 'info' });
  const config = configFrom(values.config);
  const [command, sub] = positionals;

  if (command === 'serve') {
    const central = await startCentral(config, logger);
    console.log(`central: kiosk API (mutual TLS) at ${central.kioskUrl}`);
    console.log(`central: verification page at ${central.verificationUrl}`);
    const stop = () => {
      void central.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return new Promise<number>(() => {});
  }
  if (command !== 'admin') throw new CentralConfigError('central_admin.usage', USAGE);

  if (sub === 'init-ca') {
    await initCa(config.pkiDir, values.host ?? ['localhost', '127.0.0.1'], new Date());
    console.log(`kiosk CA and server certificate written to ${config.pkiDir} (keys with mode 0600)`);
    return 0;
  }
  if (sub === 'seal') {
    if (values.municipality === undefined)
      throw new CentralConfigError('central_admin.usage', `--municipality is required\n${USAGE}`);
    const db = await openConfiguredDatabase(config, logger);
    try {
      await migrate(db);
      const seal = await createDemoSeal(db, config.pkiDir, values.municipality, new Date());
      console.log(
        `demo seal of ${values.municipality} written (fingerprint ${seal.fingerprint}): ${seal.files.join(', ')}`,
      );
      return 0;
    } finally {
      await db.close();
    }
  }
  if (sub === 'textos') {
    if (values.municipality === undefined || values.file === undefined)
      throw new CentralConfigError('central_admin.usage', `--municipality and --file are required\n${USAGE}`);
    let fileText: string;
    try {
      fileText = readFileSync(values.file, 'utf8');
    } catch (error) {
      throw new CentralConfigError(
        'central_admin.textos_invalid',
        `no se pudo leer ${values.file}: ${(error as NodeJS.ErrnoException).code}`,
        { cause: error },
      );
    }
    const db = await openConfiguredDatabase(config, logger);
    try {
      await migrate(db);
      const textos = await updateMunicipalityTextos(db, values.municipality, fileText);
      console.log(`textos de ${values.municipality} guardados:`);
      for (const [key, text] of Object.entries(textos))
        console.log(`  ${key}: ${text === null ? '(sin texto)' : JSON.stringify(text)}`);
      return 0;
    } finally {
      await db.close();
    }
  }
  if (sub !== 'enrol' && sub !== 'revoke') throw new CentralConfigError('central_admin.usage', USAGE);
  if (values.kiosk === undefined)
    throw new CentralConfigError('central_admin.usage', `--kiosk is required\n${USAGE}`);
  const db = await openConfiguredDatabase(config, logger);
  try {
    await migrate(db);
    if (sub === 'revoke') {
      await revokeKiosk(db, values.kiosk, new Date());
      console.log(`kiosk ${values.kiosk} revoked`);
      return 0;
    }
    if (values.municipality === undefined) {
      throw new CentralConfigError('central_admin.usage', `--municipality is required\n${USAGE}`);
    }
    const issued = await enrolKiosk(db, await readCa(config.pkiDir), {
      kioskId: values.kiosk,
      municipality: values.municipality,
      now: new Date(),
    });
    const files = writeKioskCredential(values.out ?? `${config.pkiDir}/kiosks`, values.kiosk, issued);
    console.log(
      `kiosk ${values.kiosk} enrolled (fingerprint ${issued.fingerprint}); wrote ${files.join(', ')}`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof KioskError) {
      console.error(`central: ${error.message}${error.detail === undefined ? '' : `\n  ${error.detail}`}`);
    } else {
      console.error('central: unexpected failure', error);
    }
    process.exitCode = 1;
  },
);
