/** JSON Schemas of the citizen routes: unknown fields, wrong types and oversized values refused. */
import { CITIZEN_SERVICES } from './challenge.ts';

export const challengeBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['service'],
  properties: { service: { type: 'string', enum: [...CITIZEN_SERVICES] } },
} as const;

const BASE64_PATTERN = '^[A-Za-z0-9+/]+={0,2}$';

const ID_PATTERN = '^[0-9a-f]{32}$';

/** The DNIe's signature over a challenge. */
const proofProperties = {
  challengeId: { type: 'string', pattern: ID_PATTERN },
  // A DNIe authentication certificate is about 1.5 kB of DER; 8 kB of base64 is ample.
  certificate: { type: 'string', minLength: 4, maxLength: 8192, pattern: BASE64_PATTERN },
  // RSA-2048 (the DNIe 3.0/4.0 key): 256 bytes; room for RSA-4096.
  signature: { type: 'string', minLength: 4, maxLength: 1024, pattern: BASE64_PATTERN },
} as const;

/** `/v1/citizen/volante` and `/v1/citizen/volante/preview`. */
export const volanteBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['challengeId', 'certificate', 'signature', 'kind'],
  properties: { ...proofProperties, kind: { type: 'string', enum: ['individual', 'colectivo'] } },
} as const;

/** `/v1/citizen/recibos-pendientes`. */
export const proofBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['challengeId', 'certificate', 'signature'],
  properties: proofProperties,
} as const;

/** `/v1/citizen/volante/issue`. */
export const grantBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['grantId'],
  properties: { grantId: { type: 'string', pattern: ID_PATTERN } },
} as const;
