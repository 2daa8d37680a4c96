/**
 * Where to pin, drawn rather than photographed (a screenshot would be one language, one theme and
 * soon out of date): the toolbar's right end with the Extensions button ringed, and its list with
 * Culture Pulse and the pin (Chromium) or the gear with "Pin to Toolbar" (Firefox). Its colours
 * come from the page's scheme; its words from the translations.
 */
import type { BrowserKind } from '../platform/browser-kind';
import { t } from '../platform/i18n';

const WIDTH = 360;
const HEIGHT = 170;

/** A puzzle piece, the Extensions button's icon in both browsers, at (x, y). */
function Puzzle({ x, y }: { readonly x: number; readonly y: number }) {
  return (
    <path
      class="pin-icon"
      transform={`translate(${x} ${y})`}
      d="M2 5h4a2 2 0 1 1 4 0h4v4a2 2 0 1 1 0 4v4h-4a2 2 0 1 0-4 0H2v-4a2 2 0 1 0 0-4z"
    />
  );
}

/** A pin (Chromium's) at (x, y). */
function Pin({ x, y }: { readonly x: number; readonly y: number }) {
  return <path class="pin-accent" transform={`translate(${x} ${y})`} d="M5 1h6l-1 5 3 3v1H3V9l3-3zM7.5 10h1v6h-1z" />;
}

/** A gear (Firefox's item menu) at (x, y). */
function Gear({ x, y }: { readonly x: number; readonly y: number }) {
  return <circle class="pin-accent-ring" cx={x + 8} cy={y + 8} r={5} stroke-width={3} stroke-dasharray="3 2" />;
}

export function PinPicture({ kind }: { readonly kind: BrowserKind }) {
  return (
    <svg class="pin-picture" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('welcome_pinPicture')}>
      {/* The toolbar: an address bar, then the Extensions button at its right end. */}
      <rect class="pin-bar" x={0} y={0} width={WIDTH} height={44} rx={8} />
      <rect class="pin-field" x={12} y={10} width={250} height={24} rx={12} />
      <circle class="pin-ring" cx={300} cy={22} r={17} />
      <Puzzle x={291} y={13} />
      <rect class="pin-field" x={326} y={12} width={20} height={20} rx={4} />
      {/* The list it opens, Culture Pulse in it, and what to click. */}
      <rect class="pin-menu" x={150} y={54} width={200} height={106} rx={8} />
      <text class="pin-text pin-strong" x={164} y={78}>
        {t('welcome_pinExtensions')}
      </text>
      <rect class="pin-logo" x={164} y={96} width={18} height={18} rx={4} />
      <text class="pin-text" x={190} y={110}>
        {t('extName')}
      </text>
      <circle class="pin-ring" cx={326} cy={105} r={14} />
      {kind === 'chromium' ? <Pin x={318} y={96} /> : <Gear x={318} y={97} />}
      {/* An arrow from the button down to the list. */}
      <path class="pin-arrow" d="M300 42 C300 60 300 70 318 88" />
    </svg>
  );
}
