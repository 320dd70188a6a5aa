// The viewer-request function of the console's behaviour (`/admin*`, infra/edge.stack.ts).
// The public site's function (functions/edge/viewer-request.js) maps `/<slug>/` into a release,
// and `admin` is no académie: the console's paths get this function instead. It serves the
// page for `/admin/` and the few flat files the deploy writes under admin/ (console-site.ts),
// and nothing else; the origin may read admin/* only, whatever a path says.
// Plain cloudfront-js-2.0, no KeyValueStore: the console has no embargo.
export const CONSOLE_REQUEST_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/admin') {
    return {
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: { location: { value: '/admin/' }, 'cache-control': { value: 'no-store' } },
    };
  }
  if (uri === '/admin/') {
    request.uri = '/admin/index.html';
    return request;
  }
  if (/^\\/admin\\/[a-z]+\\.(html|js|css|json)$/.test(uri)) return request;
  return { statusCode: 404, statusDescription: 'Not Found' };
}
`;
