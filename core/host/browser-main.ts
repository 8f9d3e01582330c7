/**
 * `./cajero start`: the kiosk in browser mode. Prints the screen's address and runs until Ctrl-C,
 * then stops everything it started.
 */
import { parseArgs } from 'node:util';
import { KioskError } from '../../drivers/common/kiosk-error.ts';
import { DEMO_CONFIG_FILE, KioskConfigError, loadKioskConfig } from '../../kiosk-config/index.ts';
import { createLogger } from '../log/logger.ts';
import { startBrowserHost } from './browser-host.ts';
import { companionAddress } from './companion-processes.ts';

const HELP = `Uso: ./cajero start [--config FICHERO] [--port N]

Arranca el cajero en modo navegador: el núcleo, los dispositivos simulados que pida la configuración
y la pantalla en http://127.0.0.1:PUERTO/. Sin --config usa la configuración de demostración
(kiosk-config/demo.json). Ctrl-C lo para todo.`;

async function main(): Promise<number> {
  let values: { config?: string | undefined; port?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      options: {
        config: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`cajero: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    console.error(`cajero: --port necesita un número de 0 a 65535, no «${values.port}».`);
    return 2;
  }

  const loaded = await loadKioskConfig(values.config ?? DEMO_CONFIG_FILE);
  const logger = createLogger({ level: loaded.config.log.level, component: 'core' });
  const host = await startBrowserHost(port === undefined ? { loaded, logger } : { loaded, logger, port });

  console.error(`\n  Cajero «${loaded.config.name}» en marcha.`);
  console.error(`  Pantalla:            ${host.url}`);
  console.error(`  Canal del técnico:   ${host.controlSocket}  (./kioskctl status)`);
  for (const sim of host.companions) {
    console.error(
      `  ${`${sim.name.replace(/^(la|el) /, '').replace(/^./, (c) => c.toUpperCase())}:`.padEnd(29)}${companionAddress(sim)}, ${sim.note}`,
    );
  }
  console.error('  Pulse Ctrl-C para pararlo.\n');
  const later = host.companions.filter((plan) => plan.background).map((plan) => plan.name);
  if (later.length > 0) {
    console.error(`  Arrancando ${later.join(' y ')}; mientras tanto el cajero funciona sin conexión.`);
    host.companionsReady.then(
      () => console.error(`  Ya está en marcha ${later.join(' y ')}.`),
      (error: unknown) =>
        console.error(
          `  No ha arrancado ${later.join(' y ')}: ${error instanceof KioskError ? error.message : String(error)}`,
        ),
    );
  }

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'stopping');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  logger.flush();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof KioskConfigError) {
      console.error(`cajero: ${error.message}`);
      for (const line of error.lines()) console.error(`  ${line}`);
    } else if (error instanceof KioskError) {
      console.error(`cajero: ${error.message}`);
      if (error.detail) console.error(`  ${error.detail}`);
    } else {
      console.error('cajero: error inesperado al arrancar; copie este texto en la incidencia:');
      console.error(error);
    }
    process.exit(1);
  },
);
