/** The recibo payment as the citizen meets it: check, pay once, progress, recovery (issue 7). */
export {
  type ReciboInput,
  ReciboPaymentService,
  type ReciboPaymentServiceOptions,
} from './recibo-payment-service.ts';
export { todayIn } from './today.ts';
export { viewOf as reciboViewOf } from './recibo-payment-service.ts';
