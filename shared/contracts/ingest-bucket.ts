// The ingest bucket's layout, which the stack (the notification, the
// grants) and the ingest function agree on: files land under `incoming/`
// (the bucket notifies ingest for these only); reports go under `reports/`,
// so they trigger nothing.
export const INCOMING_PREFIX = 'incoming/';
export const REPORTS_PREFIX = 'reports/';
