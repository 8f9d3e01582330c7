/**
 * Virtual DNIe for pcscd's vpcd reader.
 *   node simulators/dnie/main.ts --port 35963 --persona adult [--host 127.0.0.1] [--latency-ms 0]
 *        [--remove-after N] [--garbage-after N] [--max-chunk 239]
 * Inserts the card at start; type `remove` / `insert` on stdin; SIGINT removes the card and exits.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
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
const created = await createPersona(persona, maxChunk === undefined ? {} : { maxReadChunk: maxChunk });
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
client.on('apdu', (command, response) =>
  console.log(
    `> ${Buffer.from(command).toString('hex')}  < ${response === undefined ? '(none)' : Buffer.from(response).toString('hex')}`,
  ),
);

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
