// Child process of the benchmark: the cost of deriving lookup keys (PBKDF2
// then HKDF), paid once per candidate and session, at a given cost.
import { deriveMaterialNode } from '../../shared/publication/lookup-material.js';
import { mapLimit } from '../../shared/render/release.js';

const [iterations, count] = [Number(process.argv[2]), Number(process.argv[3])];
const t = performance.now();
await mapLimit(Array.from({ length: count }, (_, i) => i), 4, (i) => deriveMaterialNode(`${String(i).padStart(11, '0')}|2006-03-07`, { salt: 'AAECAwQFBgcICQoLDA0ODw==', iterations }));
const seconds = (performance.now() - t) / 1000;
process.stdout.write(`${JSON.stringify({ iterations, count, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
