/** Loading, error, success and empty states, the same on every page. */
import type { ComponentChildren } from 'preact';
import { t } from '../platform/i18n';

export function Loading({ label = t('loading') }: { readonly label?: string }) {
  return (
    <p class="muted" role="status" aria-live="polite">
      {label}
    </p>
  );
}

export function ErrorNotice({ children }: { readonly children: ComponentChildren }) {
  return (
    <div class="notice error" role="alert">
      {children}
    </div>
  );
}

export function SuccessNotice({ children }: { readonly children: ComponentChildren }) {
  return (
    <div class="notice success" role="status">
      {children}
    </div>
  );
}

export function EmptyState({ children }: { readonly children: ComponentChildren }) {
  return <p class="notice">{children}</p>;
}
