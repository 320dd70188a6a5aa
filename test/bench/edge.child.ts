// Child process of the benchmark: the viewer-request function's cost per
// request, run in the local CDN's harness (loadViewerRequest: the very file
// CloudFront runs) over an in-memory pointer store, for a mix of what
// results day brings: the landing page, a lookup shard, params.json, a list
// page, the home page, and a path refused with a 404.
import { stat } from 'node:fs/promises';
import {
  loadViewerRequest,
  VIEWER_REQUEST_FUNCTION,
  type ViewerRequestEvent,
} from '../../shared/local/local-cdn.js';
import { encodePointer, pointerKey } from '../../shared/edge/pointer.js';

const count = Number(process.argv[2] ?? 200_000);
const values = new Map<string, string>([
  [
    pointerKey('aix-marseille'),
    encodePointer({
      v: 1,
      current: '2024-06-aix-marseille-g1-0123456789ab',
      next: null,
      notBefore: null,
    }),
  ],
]);
const handler = await loadViewerRequest({
  kvs: {
    get: (key) => Promise.resolve(values.get(key)),
    put: (key, value) => Promise.resolve(void values.set(key, value)),
    delete: (key) => Promise.resolve(void values.delete(key)),
  },
  console: { log() {}, warn() {}, error() {} },
});
const uris = [
  '/aix-marseille/',
  '/aix-marseille/resultats/3fa.json',
  '/aix-marseille/resultats/params.json',
  '/aix-marseille/listes/0130001A.html',
  '/',
  '/aix-marseille/../secret',
];
const event = (uri: string): ViewerRequestEvent => ({
  version: '1.0',
  context: {
    distributionDomainName: 'd.cloudfront.net',
    distributionId: 'E1',
    eventType: 'viewer-request',
    requestId: 'bench',
  },
  viewer: { ip: '192.0.2.1' },
  request: { method: 'GET', uri, querystring: {}, headers: {}, cookies: {} },
});
// Warm-up, as CloudFront's runtime keeps a function loaded between requests.
for (let i = 0; i < 10_000; i++) await handler(event(uris[i % uris.length]!));
const started = performance.now();
for (let i = 0; i < count; i++) await handler(event(uris[i % uris.length]!));
const microseconds = ((performance.now() - started) * 1000) / count;
process.stdout.write(
  `${JSON.stringify({
    requests: count,
    microseconds,
    codeBytes: (await stat(VIEWER_REQUEST_FUNCTION)).size,
  })}\n`,
);
