/**
 * `npm run bench:trends`: only the trends page's figures (time to its first charts beside the
 * static reference), for work on that page without the popup's and the endpoint's benches.
 */
import { rmSync } from 'node:fs';
import { CHROMIUM_PATH } from '../../src/dev/chromium';
import { assertPrerequisites, DIST } from '../e2e/chromium';
import { distWithReference } from './reference-dist';
import { trendsPageBench } from './trends-page';

assertPrerequisites();
console.log(
  `# Culture Pulse trends page benchmark — ${new Date().toISOString()}, Node ${process.version}, ${CHROMIUM_PATH}`,
);
const dist = distWithReference(DIST);
try {
  await trendsPageBench(dist);
} finally {
  rmSync(dist, { recursive: true, force: true });
}
