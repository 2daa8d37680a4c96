/**
 * The line under the statements saying where the answers go (destination-line.ts words it). It
 * comes a moment after the statement; until then it keeps its place, empty, so nothing moves.
 */
import { useEffect, useState } from 'preact/hooks';

export function Destination() {
  const [line, setLine] = useState('');
  useEffect(() => {
    import('./destination-line').then(
      (m) => m.destinationLine().then(setLine),
      () => {}, // Unread: say nothing rather than something that may be wrong.
    );
  }, []);
  return (
    <p id="destination" class="hint destination">
      {line}
    </p>
  );
}
