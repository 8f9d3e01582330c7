import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_CONFIG_FILE, parseKioskConfigText } from '../../kiosk-config/index.ts';
import { centralEndpoint } from './endpoint.ts';

// biome-ignore lint/suspicious/noExplicitAny: the test edits raw configuration JSON
function loaded(change: (config: any) => void = () => undefined) {
  const config = JSON.parse(readFileSync(DEMO_CONFIG_FILE, 'utf8'));
  change(config);
  return parseKioskConfigText(JSON.stringify(config), '/etc/cajero/kiosk.json');
}

describe('centralEndpoint', () => {
  it('finds the embedded central where the host lays it out (planEmbeddedCentral)', () => {
    expect(centralEndpoint(loaded(), '/var/lib/cajero')).toEqual({
      url: 'https://127.0.0.1:8091',
      caFile: '/var/lib/cajero/central/pki/ca.pem',
      certificateFile: '/var/lib/cajero/central/kiosk-credential/DEMO-001.pem',
      keyFile: '/var/lib/cajero/central/kiosk-credential/DEMO-001-key.pem',
      timeoutMs: 10_000,
    });
  });

  it('has no embedded central when the verification page is not on loopback', () => {
    const endpoint = centralEndpoint(
      loaded((c) => {
        c.municipality.verificationUrl = 'https://sede.example.es/verificar';
      }),
      '/var/lib/cajero',
    );
    expect(endpoint).toMatch(/loopback/u);
  });

  it('takes a remote central from the configuration, paths relative to the configuration file', () => {
    const endpoint = centralEndpoint(
      loaded((c) => {
        c.central = {
          mode: 'remote',
          url: 'https://central.example.es:8443',
          clientCertificateFile: 'pki/kiosk.pem',
          clientKeyFile: '/etc/cajero/pki/kiosk-key.pem',
          caFile: 'pki/ca.pem',
          requestTimeoutSeconds: 20,
        };
      }),
      '/var/lib/cajero',
    );
    expect(endpoint).toEqual({
      url: 'https://central.example.es:8443',
      caFile: '/etc/cajero/pki/ca.pem',
      certificateFile: '/etc/cajero/pki/kiosk.pem',
      keyFile: '/etc/cajero/pki/kiosk-key.pem',
      timeoutMs: 20_000,
    });
  });
});
