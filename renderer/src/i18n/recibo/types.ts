/** Texts of the recibo payment screens (issue 7): one catalogue per language, Spanish the reference. */
import type { ReciboPaymentProgress, ReciboRefusalReason } from '../../../../core/api/contract.ts';

export interface ReciboMessages {
  readonly start: string;
  readonly startHelp: string;
  readonly entryTitle: string;
  readonly entryHelp: string;
  readonly byFields: string;
  readonly byBarcode: string;
  readonly fields: {
    readonly emisora: string;
    readonly referencia: string;
    readonly identificacion: string;
    readonly importe: string;
    readonly barcode: string;
  };
  readonly keypadLabel: string;
  readonly deleteKey: string;
  readonly check: string;
  readonly checking: string;
  readonly shownTitle: string;
  readonly labels: {
    readonly concepto: string;
    readonly emisora: string;
    readonly referencia: string;
    readonly identificacion: string;
    readonly importe: string;
    readonly fechaLimite: string;
  };
  readonly concepto: (tributo: string, ejercicio: number) => string;
  readonly pay: (amount: string) => string;
  readonly payingTitle: string;
  readonly payingHelp: string;
  /** Shown before the terminal's own (Spanish) text. */
  readonly terminalSays: string;
  readonly prompts: Readonly<Record<ReciboPaymentProgress['prompt'], string>>;
  readonly approvedTitle: string;
  readonly csvLabel: string;
  readonly printed: string;
  readonly notPrinted: (url: string) => string;
  readonly declinedTitle: string;
  readonly declined: string;
  readonly reversed: string;
  readonly unknownTitle: string;
  readonly unknown: string;
  /** Above a refusal the citizen can fix by retyping (a digit wrong, a field too short). */
  readonly entryErrorTitle: string;
  readonly refusedTitle: string;
  readonly reasons: Readonly<Record<ReciboRefusalReason, string>>;
  readonly callFailed: string;
  readonly tryAgain: string;
  readonly otherRecibo: string;
  readonly finish: string;
  readonly cancel: string;
}
