/**
 * A dangerous action behind a confirmation: the button opens a modal dialog that says what will
 * happen; the safe choice has the focus, and only the second, named button acts.
 */
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import './forms.css';

export function ConfirmAction({
  id,
  label,
  title,
  children,
  cancel,
  confirm,
  onConfirm,
}: {
  /** Prefix of the dialog's element ids. */
  readonly id: string;
  /** The button that opens the dialog. */
  readonly label: string;
  readonly title: string;
  /** What will happen, in words. */
  readonly children: ComponentChildren;
  readonly cancel: string;
  readonly confirm: string;
  readonly onConfirm: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      {/* Outlined, not filled: the page's first filled button should not be the one that deletes. */}
      <button type="button" class="danger-outline" onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog ref={dialog} aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
        <h2 id={`${id}-title`}>{title}</h2>
        <p id={`${id}-desc`}>{children}</p>
        <div class="row">
          <button type="button" autofocus onClick={() => dialog.current?.close()}>
            {cancel}
          </button>
          <button
            type="button"
            class="danger"
            onClick={() => {
              dialog.current?.close();
              onConfirm();
            }}
          >
            {confirm}
          </button>
        </div>
      </dialog>
    </>
  );
}
