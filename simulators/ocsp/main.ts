/**
 * The local OCSP responder as a program, for a CA whose key is in a file:
 *   node simulators/ocsp/main.ts --issuer ca.pem --key ca-key.pem [--signer responder.pem]
 *        [--port 8094] [--revoke SERIAL_HEX]…
 * --key is the signer's PKCS#8 PEM key: the issuer's, or the delegated responder's given by --signer.
 * The demo does not use this: its virtual DNIe keeps its CA keys in memory and serves OCSP itself
 * (`simulators/dnie/main.ts --ocsp PORT`). Prints `ocsp responder: URL`; SIGINT/SIGTERM stop it.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startOcspResponder } from './responder.ts';

const { values } = parseArgs({
  options: {
    issuer: { type: 'string' },
    key: { type: 'string' },
    signer: { type: 'string' },
    port: { type: 'string', default: '0' },
    revoke: { type: 'string', multiple: true, default: [] },
  },
});

function certificateFile(file: string): { der: Uint8Array } {
  const text = readFileSync(file, 'latin1');
  const body = /-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/.exec(text)?.[1];
  return { der: new Uint8Array(body === undefined ? readFileSync(file) : Buffer.from(body, 'base64')) };
}

if (values.issuer === undefined || values.key === undefined) {
  console.error(
    'Uso: node simulators/ocsp/main.ts --issuer CA.pem --key CLAVE.pem [--signer RESPONDEDOR.pem] [--port N] [--revoke SERIE]',
  );
  process.exit(2);
}
const issuer = certificateFile(values.issuer);
const responder = await startOcspResponder(
  {
    issuer,
    signer: {
      certificate: values.signer === undefined ? issuer : certificateFile(values.signer),
      privateKey: createPrivateKey(readFileSync(values.key)),
    },
  },
  Number(values.port),
);
const since = new Date();
for (const serial of values.revoke) responder.revokeSerial(serial, since, 'keyCompromise');
console.log(`ocsp responder: ${responder.url}`);
const stop = () => void responder.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
