/**
 * Which kiosk configuration the shell starts with: `--config FILE` on the command line, else
 * `$CAJERO_CONFIG`. There is no default: a kiosk in the street must never come up with the demo
 * configuration by accident.
 */
import { KioskError } from '../drivers/common/kiosk-error.ts';

export class ShellConfigError extends KioskError {
  readonly code = 'electron.config_missing';
}

export function configPathFrom(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--config' && argv[i + 1] !== undefined) return argv[i + 1]!;
    if (arg.startsWith('--config=') && arg.length > '--config='.length) return arg.slice('--config='.length);
  }
  const fromEnv = env.CAJERO_CONFIG;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  throw new ShellConfigError(
    'El cajero no sabe qué configuración usar.',
    'start it with --config /etc/cajero/kiosk.json or set CAJERO_CONFIG',
  );
}
