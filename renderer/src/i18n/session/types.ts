/** Texts of the citizen's session screens (issue 9 items 1–3, 6): one catalogue per language, Spanish the reference. */
import type { SessionFailureReason, VolanteKind } from '../../../../core/api/contract.ts';

export interface ServiceOption {
  readonly name: string;
  readonly help: string;
}

export interface SessionMessages {
  /** The first screen, in the kiosk's default language; each language button names itself. */
  readonly language: { readonly title: string; readonly help: string };
  readonly service: {
    readonly title: string;
    readonly help: string;
    readonly volante: ServiceOption;
    readonly recibo: ServiceOption;
    readonly recibosPendientes: ServiceOption;
    /** Under a service the kiosk cannot offer now (its device is out of order). */
    readonly unavailable: string;
  };
  readonly volanteKind: {
    readonly title: string;
    readonly help: string;
    readonly individual: ServiceOption;
    readonly colectivo: ServiceOption;
  };
  readonly identification: { readonly title: string; readonly help: string };
  readonly working: {
    readonly consulting: string;
    readonly issuing: string;
    readonly printing: string;
    readonly help: string;
  };
  readonly preview: {
    readonly title: string;
    readonly help: string;
    readonly kinds: Readonly<Record<VolanteKind, string>>;
    readonly municipio: string;
    readonly domicilio: string;
    readonly personas: string;
    readonly nombre: string;
    readonly documento: string;
    readonly fechaNacimiento: string;
    readonly fechaAlta: string;
    /** For a field the padrón does not hold. */
    readonly sinDato: string;
    readonly validez: (months: number) => string;
    readonly confirm: string;
  };
  readonly done: {
    readonly title: string;
    readonly csvLabel: string;
    readonly printed: string;
    readonly notPrinted: string;
    readonly validUntil: (date: string) => string;
    readonly verify: (url: string) => string;
    readonly another: string;
  };
  readonly pending: {
    readonly title: string;
    readonly help: string;
    readonly none: string;
    /** Every recibo listed is paid already or cannot be taken here (each says why). */
    readonly noneHere: string;
    readonly alreadyPaid: string;
    readonly paidNow: string;
    readonly notPaid: string;
    readonly total: (amount: string) => string;
    readonly pay: (count: number, amount: string) => string;
    readonly paying: (position: number, count: number) => string;
    readonly doneTitle: string;
    /** Said when one recibo was not paid and the rest were left alone. */
    readonly stopped: string;
    readonly selectLabel: string;
  };
  readonly failed: {
    readonly title: string;
    readonly reasons: Readonly<Record<SessionFailureReason, string>>;
    readonly payRecibo: string;
    readonly otherService: string;
    /** Introduces the municipality's own text saying where to go (it stays in Spanish: it is theirs). */
    readonly helpInPerson: string;
  };
  readonly goodbye: { readonly title: string; readonly takeCard: string; readonly thanks: string };
  readonly back: string;
  readonly finish: string;
}
