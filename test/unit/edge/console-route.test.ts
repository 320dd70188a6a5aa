// The console's viewer-request function (infra/console-route.ts), run as CloudFront would.
import { describe, expect, it } from 'vitest';
import { CONSOLE_REQUEST_CODE } from '../../../infra/console-route.js';

interface Answer {
  uri?: string;
  statusCode?: number;
  headers?: Record<string, { value: string }>;
}
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the deployed source, as is
const handler = new Function(`${CONSOLE_REQUEST_CODE}; return handler;`)() as (e: {
  request: { uri: string };
}) => Answer;
const route = (uri: string) => handler({ request: { uri } });

describe('console route', () => {
  it('serves the page for /admin/ and redirects /admin there', () => {
    expect(route('/admin/').uri).toBe('/admin/index.html');
    expect(route('/admin')).toMatchObject({
      statusCode: 301,
      headers: { location: { value: '/admin/' } },
    });
  });

  it("passes the console's files through", () => {
    for (const f of ['console.js', 'console.css', 'dsfr.css', 'config.json', 'index.html'])
      expect(route(`/admin/${f}`).uri).toBe(`/admin/${f}`);
  });

  it('answers 404 for anything else under /admin', () => {
    for (const uri of ['/administration', '/admin/../releases/x', '/admin/a/b.js', '/admin/x.txt'])
      expect(route(uri).statusCode, uri).toBe(404);
  });

  it('stays far under the 10 KB of a CloudFront function', () => {
    expect(Buffer.byteLength(CONSOLE_REQUEST_CODE)).toBeLessThan(2048);
  });
});
