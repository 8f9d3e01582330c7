/**
 * The demo municipality's texts (seed-main.ts writes them when it creates the municipality), so that
 * the demo's volantes print a municipality's own notice, legal note and help desk rather than central's
 * defaults. Made up for a made-up town; a real municipality writes its own with `admin textos`.
 */
import type { MunicipalityTextos } from '../service/textos.ts';

export function demoTextos(municipalityName: string, townName: string): MunicipalityTextos {
  return {
    avisoPrivacidad:
      `Protección de datos. Responsable: ${municipalityName}, Plaza Mayor 1, ${townName}. Finalidad: gestión ` +
      'del Padrón municipal de habitantes (Ley 7/1985, arts. 15 a 17). Puede ejercer sus derechos de ' +
      'acceso, rectificación, supresión, limitación y oposición en la Oficina del Padrón o en la sede ' +
      'electrónica, y reclamar ante la Agencia Española de Protección de Datos (www.aepd.es).',
    pieVolante:
      'Este volante tiene carácter informativo y no sustituye a la certificación de empadronamiento ' +
      '(art. 61 del Reglamento de Población y Demarcación Territorial de las Entidades Locales). ' +
      'Compruebe su autenticidad con el código seguro de verificación (CSV).',
    oficinaAtencion: 'Oficina del Padrón, Plaza Mayor 1, de lunes a viernes de 9 a 14 h.',
  };
}
