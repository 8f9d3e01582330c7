/**
 * Virtual DNIe for pcscd's vpcd reader.
 *   node simulators/dnie/main.ts --port 35963 --persona adult [--host 127.0.0.1] [--latency-ms 0]
 *        [--remove-after N] [--garbage-after N] [--max-chunk 239] [--pin PIN]
 *        [--write-terminal-config DIR] [--quiet]
 * Inserts the card at start; type `remove` / `insert` on stdin; SIGINT removes the card and exits.
 * --write-terminal-config writes the host's CWA-14890 files for this run's freshly generated chip and
 * terminal keys (DIR/terminal.json, for `kioskctl card auth --terminal`); they are valid only for
 * this process's card. Personas: adult, adult-dnie2, burnt, other-card, expired, revoked, blocked-pin, minor.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createComponentPki, writeTerminalConfig } from './pki/component-pki.ts';
import { PERSONAS, type PersonaName, createPersona } from './personas.ts';
import { VpcdCardClient } from './vpcd-client.ts';
import { VPCD_DEFAULT_PORT } from './vpcd-protocol.ts';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: String(VPCD_DEFAULT_PORT) },
    persona: { type: 'string', default: 'adult' },
    'latency-ms': { type: 'string' },
    'remove-after': { type: 'string' },
    'garbage-after': { type: 'string' },
    'max-chunk': { type: 'string' },
    pin: { type: 'string' },
    'write-terminal-config': { type: 'string' },
    quiet: { type: 'boolean' },
  },
});

const persona = values.persona as PersonaName;
if (!PERSONAS.includes(persona)) {
  console.error(`unknown persona "${values.persona}"; one of ${PERSONAS.join(', ')}`);
  process.exit(2);
}
const number = (text: string | undefined): number | undefined =>
  text === undefined ? undefined : Number(text);
const maxChunk = number(values['max-chunk']);
const components = await createComponentPki();
const created = await createPersona(persona, {
  components,
  ...(maxChunk === undefined ? {} : { maxReadChunk: maxChunk }),
  ...(values.pin === undefined ? {} : { pin: values.pin }),
});
if (values['write-terminal-config'] !== undefined) {
  const path = await writeTerminalConfig(values['write-terminal-config'], components);
  console.log(`terminal configuration: ${path}`);
}
const faults = {
  ...(values['latency-ms'] === undefined ? {} : { latencyMs: number(values['latency-ms'])! }),
  ...(values['remove-after'] === undefined ? {} : { removeAfterApdus: number(values['remove-after'])! }),
  ...(values['garbage-after'] === undefined ? {} : { garbageAfterApdus: number(values['garbage-after'])! }),
};
const client = new VpcdCardClient({
  card: created.card,
  host: values.host,
  port: Number(values.port),
  faults,
});
client.on('inserted', () =>
  console.log(`card inserted (${persona}) into vpcd ${values.host}:${values.port}`),
);
client.on('removed', () => console.log('card removed'));
if (values.quiet !== true) {
  client.on('apdu', (command, response) =>
    console.log(
      `> ${Buffer.from(command).toString('hex')}  < ${response === undefined ? '(none)' : Buffer.from(response).toString('hex')}`,
    ),
  );
}

async function insert(): Promise<void> {
  try {
    await client.insert();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
  }
}

await insert();
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const command = line.trim();
  if (command === 'remove') void client.remove();
  else if (command === 'insert') void insert();
  else if (command !== '') console.log('commands: insert, remove');
});
process.on('SIGINT', () => {
  void client.remove().then(() => process.exit(0));
});
