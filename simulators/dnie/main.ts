/**
 * Virtual DNIe for pcscd's vpcd reader.
 *   node simulators/dnie/main.ts --port 35963 --persona adult [--host 127.0.0.1] [--latency-ms 0]
 *        [--remove-after N] [--garbage-after N] [--max-chunk 239] [--pin PIN]
 *        [--write-terminal-config DIR] [--quiet] [--http PORT] [--start-removed]
 *        [--ocsp PORT] [--write-anchors DIR] [--write-personas FILE]
 * Inserts the card at start (unless --start-removed); type `remove` / `insert` on stdin; SIGINT removes
 * the card and exits. --http serves a page on 127.0.0.1:PORT to insert any persona's card (all share
 * this run's chip keys, so one terminal configuration fits them all) or pull it out (the demo).
 * --write-terminal-config writes the host's CWA-14890 files for this run's freshly generated chip and
 * terminal keys (DIR/terminal.json, for `kioskctl card auth --terminal`); they are valid only for
 * this process's card. Personas: adult, adult-dnie2, burnt, other-card, expired, revoked, blocked-pin, minor.
 * Every card of a run is issued by one test CA made at start: --ocsp answers OCSP for it on
 * 127.0.0.1:PORT (the revoked persona's certificates revoked, the rest good), --write-anchors writes its
 * certificates (PEM, public) into DIR, --write-personas the people behind the cards (JSON). All of that
 * is done before the card goes in and before the page listens, so a ready page means the files are there.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startPersonasOcsp, writeAnchors, writePersonas } from './demo-files.ts';
import { startDemoPage } from './demo-page.ts';
import { createComponentPki, writeTerminalConfig } from './pki/component-pki.ts';
import { createDnieCa } from './pki/test-pki.ts';
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
    http: { type: 'string' },
    'start-removed': { type: 'boolean' },
    ocsp: { type: 'string' },
    'write-anchors': { type: 'string' },
    'write-personas': { type: 'string' },
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
const [components, ca] = await Promise.all([createComponentPki(), createDnieCa()]);
const personaOptions = {
  components,
  ca,
  ...(maxChunk === undefined ? {} : { maxReadChunk: maxChunk }),
  ...(values.pin === undefined ? {} : { pin: values.pin }),
};
const created = await createPersona(persona, personaOptions);
if (values['write-terminal-config'] !== undefined) {
  const path = await writeTerminalConfig(values['write-terminal-config'], components);
  console.log(`terminal configuration: ${path}`);
}
if (values['write-anchors'] !== undefined) {
  const paths = await writeAnchors(values['write-anchors'], ca);
  console.log(`trust anchors: ${paths.join(', ')}`);
}
if (values['write-personas'] !== undefined) {
  console.log(`personas: ${await writePersonas(values['write-personas'])}`);
}
if (values.ocsp !== undefined) {
  const responder = await startPersonasOcsp(ca, Number(values.ocsp));
  console.log(`ocsp responder: ${responder.url}`);
}
const faults = {
  ...(values['latency-ms'] === undefined ? {} : { latencyMs: number(values['latency-ms'])! }),
  ...(values['remove-after'] === undefined ? {} : { removeAfterApdus: number(values['remove-after'])! }),
  ...(values['garbage-after'] === undefined ? {} : { garbageAfterApdus: number(values['garbage-after'])! }),
};
function newClient(card: typeof created.card, name: PersonaName): VpcdCardClient {
  const next = new VpcdCardClient({ card, host: values.host, port: Number(values.port), faults });
  next.on('inserted', () => console.log(`card inserted (${name}) into vpcd ${values.host}:${values.port}`));
  next.on('removed', () => console.log('card removed'));
  if (values.quiet !== true) {
    next.on('apdu', (command, response) =>
      console.log(
        `> ${Buffer.from(command).toString('hex')}  < ${response === undefined ? '(none)' : Buffer.from(response).toString('hex')}`,
      ),
    );
  }
  return next;
}
let client = newClient(created.card, persona);
let current: PersonaName = persona;

async function insert(): Promise<void> {
  try {
    await client.insert();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
  }
}

if (values['start-removed'] !== true) await insert();
if (values.http !== undefined) {
  // Each persona's card is made once and kept, so its PIN tries survive a pull and a re-insert.
  const cards = new Map<PersonaName, typeof created.card>([[persona, created.card]]);
  const server = await startDemoPage({
    host: '127.0.0.1',
    port: Number(values.http),
    personas: PERSONAS,
    current: () => (client.inserted ? current : null),
    remove: () => client.remove(),
    insert: async (name) => {
      const wanted = name as PersonaName;
      await client.remove();
      let card = cards.get(wanted);
      if (card === undefined) {
        card = (await createPersona(wanted, personaOptions)).card;
        cards.set(wanted, card);
      }
      client = newClient(card, wanted);
      current = wanted;
      await client.insert();
    },
  });
  const { port } = server.address() as { port: number };
  console.log(`demo page: http://127.0.0.1:${port}/`);
}
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
