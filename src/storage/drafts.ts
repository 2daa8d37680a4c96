/**
 * A synchronous copy of the comment being typed, in this extension's localStorage (on this device
 * only, like everything else). IndexedDB saves are asynchronous and a popup can close between a
 * key press and its save; localStorage writes before the next key, so the last words survive.
 */
const PREFIX = 'culture-pulse:comment-draft:';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // Unavailable (e.g. in a worker): drafts are a safety net, not a store.
  }
}

export function keepDraft(weekId: string, text: string): void {
  try {
    storage()?.setItem(PREFIX + weekId, text);
  } catch {
    // Quota or privacy settings: the IndexedDB save still runs.
  }
}

export function readDraft(weekId: string): string | undefined {
  return storage()?.getItem(PREFIX + weekId) ?? undefined;
}

export function dropDraft(weekId: string): void {
  storage()?.removeItem(PREFIX + weekId);
}

/** Drop every draft, or every draft but this week's. */
export function dropDrafts(except?: string): void {
  const store = storage();
  if (!store) return;
  const keys = Array.from({ length: store.length }, (_, i) => store.key(i)).filter(
    (k): k is string => k?.startsWith(PREFIX) === true && k !== (except === undefined ? undefined : PREFIX + except),
  );
  for (const key of keys) store.removeItem(key);
}
