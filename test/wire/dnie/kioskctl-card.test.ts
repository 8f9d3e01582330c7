/** `kioskctl card readers|info|auth` against the virtual DNIe through pcscd (issue 4 part 5). */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cardCommand } from '../../../core/kioskctl/card-command.ts';
import { createPersona, DEFAULT_PIN } from '../../../simulators/dnie/index.ts';
import { dnieWireFixture } from './dnie-support.ts';

const wire = dnieWireFixture();
const READER = ['--reader', '^Virtual PCD 00 00$'];

async function run(args: string[], input?: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io =
    input === undefined ? {} : { input: Readable.from([Buffer.from(input)]), prompt: () => undefined };
  const code = await cardCommand(
    args,
    (line) => out.push(line),
    (line) => err.push(line),
    io,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kioskctl card', () => {
  it('readers lists the vpcd reader and the DNIe in it', async () => {
    await wire.insert((await createPersona('adult', { components: wire.components })).card);
    const result = await run(['readers', ...READER]);
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      'Virtual PCD 00 00: DNIe 3.0/4.0 (ATR 3B7F960000006A444E4965100101550421039000)',
    );
  });

  it('info prints ATR, version, holder and validity without any PIN', async () => {
    const persona = await createPersona('adult', { components: wire.components });
    await wire.insert(persona.card);
    const result = await run(['info', ...READER]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('versión: DNIe 3.0/4.0');
    expect(result.out).toContain('DNI: 99999002Q');
    expect(result.out).toMatch(/titular: .*ESPAÑOL ESPECIMEN, MARÍA \(AUTENTICACIÓN\)/);
    expect(result.out).toMatch(/válido: desde \d{4}-\d\d-\d\dT.* hasta \d{4}-/);
    expect(persona.card.log.some((apdu) => apdu[1] === 0x20)).toBe(false);
  });

  it('auth reads the PIN from stdin, signs a random challenge and checks it', async () => {
    const persona = await createPersona('adult', { components: wire.components });
    await wire.insert(persona.card);
    const result = await run(['auth', ...READER, '--terminal', wire.terminalPath], `${DEFAULT_PIN}\n`);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/firma \(256 bytes\): correcta/);
    expect(result.out).not.toContain(DEFAULT_PIN);
    expect(persona.cwa!.signatures).toBe(1);
  });

  it('auth with a wrong PIN says the tries left and exits 1', async () => {
    await wire.insert((await createPersona('adult', { components: wire.components })).card);
    const result = await run(['auth', ...READER, '--terminal', wire.terminalPath], 'NOESESTE9\n');
    expect(result.code).toBe(1);
    expect(result.err).toContain('PIN incorrecto: quedan 2 intentos');
    expect(result.out + result.err).not.toContain('NOESESTE9');
  });

  it('usage errors exit 2', async () => {
    expect((await run(['auth', ...READER])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
  });
});
