/**
 * A refusal the background sent back, already worded in the browser's language. Apart from
 * messages.ts so a page can recognise one (describe-error) without loading the message schemas.
 */
export class MessageError extends Error {
  override name = 'MessageError';
}
