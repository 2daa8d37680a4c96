/**
 * Pinning a personal team's week keys. The first answer to GET /keys pins every published week's
 * key (this week and about a quarter ahead); a later answer with another key for a pinned week is
 * refused and reported, never used: a key handed to one member alone would tag that member's vote.
 * Key ids are computed here from the keys themselves; a key whose claimed id differs is refused too.
 */
import type { Membership } from './team';
import { firstFetchAt, newTokenRecord, teamTokenRecords } from './token-schedule';
import type { TokenRecord } from './vote-token-record';
import type { WeekId } from './week';

/** A published key, with the id computed here beside the one the endpoint claimed. */
export interface PublishedKey {
  readonly weekId: WeekId;
  readonly publicKey: string;
  readonly claimedKeyId: string;
  readonly keyId: string;
}

export interface PinResult {
  /** Records added or changed, to be saved. */
  readonly changed: readonly TokenRecord[];
  /** Weeks whose offered key was not the one pinned (or not what it claimed to be). */
  readonly mismatched: readonly WeekId[];
}

/**
 * Pin what is new, check what is pinned. Weeks before joining are left alone. `problem` is the
 * words kept on a week whose key was refused.
 */
export function pinKeys(
  team: Membership,
  records: readonly TokenRecord[],
  published: readonly PublishedKey[],
  random: () => number,
  problem: (weekId: WeekId) => string,
): PinResult {
  const own = teamTokenRecords(team, records);
  const changed: TokenRecord[] = [];
  const mismatched: WeekId[] = [];
  for (const offered of published) {
    if (offered.weekId < team.joinedWeek) continue;
    const kept = own.get(offered.weekId);
    const key = { keyId: offered.keyId, publicKey: offered.publicKey };
    const honest = offered.claimedKeyId === offered.keyId;
    if (honest && !kept) {
      changed.push(newTokenRecord(team, offered.weekId, firstFetchAt(offered.weekId, random()), key));
    } else if (honest && kept && kept.key === null) {
      changed.push({ ...kept, key });
    } else if (!honest || (kept?.key && kept.key.keyId !== key.keyId)) {
      mismatched.push(offered.weekId);
      if (kept && kept.state !== 'key-changed') {
        // A week already holding its token keeps it (made with the pinned key); the change is reported.
        changed.push({
          ...kept,
          state: kept.state === 'waiting' ? 'key-changed' : kept.state,
          problem: problem(offered.weekId),
        });
      }
    }
  }
  return { changed, mismatched };
}
