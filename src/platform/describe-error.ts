/**
 * A failure in words for the screen, in the engineer's language. Errors we raise carry what went
 * wrong as data (which week, which storage problem); anything else is shown with the browser's
 * own technical words inside a translated sentence.
 */
import type { ImportProblem } from '../core/export-file';
import type { CodeProblem, CodeRefusal } from '../core/invite';
import { WeekClosedError } from '../core/pulse-edit';
import { StorageError, type StorageProblem } from '../storage/db';
import { type MessageKey, t } from './i18n';
import { MessageError } from './message-error';

const STORAGE_KEYS: Record<StorageProblem, MessageKey> = {
  blocked: 'error_storageBlocked',
  slow: 'error_storageSlow',
  'newer-version': 'error_storageNewer',
  'open-failed': 'error_storageOpen',
  'no-migration': 'error_storageMigration',
};

/**
 * The browser ran out of room: a quota (QuotaExceededError), or the disk itself, which Chromium's
 * IndexedDB reports as an UnknownError naming FILE_ERROR_NO_SPACE (seen with a full filesystem,
 * tests/e2e/faults.test.ts) and Firefox as NS_ERROR_FILE_NO_DEVICE_SPACE.
 */
function isStorageFull(error: unknown): boolean {
  if (!(error instanceof Error || error instanceof DOMException)) return false;
  return error.name === 'QuotaExceededError' || /FILE_ERROR_NO_SPACE|NO_DEVICE_SPACE|No space left/.test(error.message);
}

export function describeError(error: unknown): string {
  if (error instanceof WeekClosedError) return t('error_weekClosed', error.weekId);
  if (error instanceof StorageError) return t(STORAGE_KEYS[error.problem], error.detail);
  // The background words its refusals in the browser's language already.
  if (error instanceof MessageError) return error.message;
  if (isStorageFull(error)) return t('error_storageFull');
  return t('error_unexpected', error instanceof Error ? error.message : String(error));
}

const CODE_KEYS: Record<CodeProblem, MessageKey> = {
  'not-web-address': 'error_notWebAddress',
  'not-https': 'error_notHttps',
  'address-extras': 'error_addressExtras',
  'not-invite': 'error_notInvite',
  'invite-damaged': 'error_inviteDamaged',
  'engineers-invite': 'error_engineersInvite',
  'not-manager-code': 'error_notManagerCode',
  'manager-code-damaged': 'error_managerCodeDamaged',
};

/** Why a pasted invite, manager code or endpoint address was refused. */
export function describeCodeRefusal(refusal: CodeRefusal): string {
  return t(CODE_KEYS[refusal.problem], refusal.detail);
}

const IMPORT_KEYS: Record<ImportProblem, MessageKey> = {
  'too-large': 'error_importTooLarge',
  'not-json': 'error_importNotJson',
  'not-export': 'error_importNotExport',
  'newer-version': 'error_importNewer',
  damaged: 'error_importDamaged',
  'duplicate-week': 'error_importDuplicateWeek',
};

/** Why an imported file was refused; `detail` is the version, the week or zod's list of issues. */
export function describeImportRefusal(refusal: { problem: ImportProblem; detail: string }): string {
  return t(IMPORT_KEYS[refusal.problem], refusal.detail);
}
