/**
 * A message with elements inside it (a link, a bold name): the translation places them, as its
 * word order needs, and the page builds them. The message itself stays plain text.
 */
import { type ComponentChildren, Fragment } from 'preact';
import { type MessageKey, t } from '../platform/i18n';

/** Private-use characters around each part's index: no message or value contains them. */
const MARK = '\uE000';
const PARTS = new RegExp(`${MARK}(\\d)${MARK}`);

/** The message for `key` with `$1`… replaced by `parts`, in the order the translation puts them. */
export function tWith(key: MessageKey, ...parts: ComponentChildren[]): ComponentChildren[] {
  const text = t(key, ...parts.map((_, i) => `${MARK}${i}${MARK}`));
  return text
    .split(PARTS)
    .map((piece, i) => (i % 2 === 0 ? piece : <Fragment key={i}>{parts[Number(piece)]}</Fragment>));
}
