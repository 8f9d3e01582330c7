import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HostStartError } from './host-errors.ts';

/** Makes sure the data folder exists and the kiosk can write in it, before anything depends on it. */
export async function ensureWritableDataDir(dataDir: string): Promise<void> {
  const probe = path.join(dataDir, `.write-test-${process.pid}`);
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    await writeFile(probe, 'ok');
    await rm(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new HostStartError(
      'host.data_dir_not_writable',
      `No se puede escribir en la carpeta de datos ${dataDir} (${code}): dé permiso de escritura al usuario del cajero o cambie dataDir en la configuración.`,
    );
  }
}
