// Child process of the benchmark: the cost of deriving lookup roots (the
// access code's HMAC, then PBKDF2), paid once per candidate and session.
import { prepareRoots } from '../../shared/publication/lookup-material.js';

const [iterations, count] = [Number(process.argv[2]), Number(process.argv[3])];
const t = performance.now();
const params = { salt: 'AAECAwQFBgcICQoLDA0ODw==', iterations, shardChars: 3 };
await prepareRoots(
  { params, codeSecret: Buffer.alloc(32, 1).toString('base64') },
  Array.from({ length: count }, (_, i) => String(i).padStart(11, '0')),
);
const seconds = (performance.now() - t) / 1000;
const maxRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ iterations, count, seconds, maxRssMB })}\n`);
