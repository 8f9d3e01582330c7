/** Runs `kioskctl` in process, as a technician would type it, and keeps what it printed. */
import { kioskctl } from '../../core/kioskctl/main.ts';

export async function runKioskctl(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await kioskctl(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
