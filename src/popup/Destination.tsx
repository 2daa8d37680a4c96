/**
 * One line under the statements saying where the answers go: nowhere (no team joined), or to the
 * team as anonymous 1–5 scores. The membership's reader (and its zod schema) loads after the first
 * statement is on screen, so the line comes a moment later; until then it keeps its place, empty.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../platform/i18n';

type Known = { readonly team: string | null } | undefined;

function useTeamName(): Known {
  const [known, setKnown] = useState<Known>(undefined);
  useEffect(() => {
    import('../platform/team-settings')
      .then(({ loadMembership }) => loadMembership())
      .then(
        ({ value }) => setKnown({ team: value?.teamId ?? null }),
        () => {}, // Unread: say nothing rather than something that may be wrong.
      );
  }, []);
  return known;
}

export function Destination() {
  const known = useTeamName();
  return (
    <p id="destination" class="hint destination">
      {known === undefined ? '' : known.team === null ? t('popup_staysHere') : t('popup_sharedWith', known.team)}
    </p>
  );
}
