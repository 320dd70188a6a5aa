// Worker thread entry: workers do not inherit the parent's tsx loader, so
// register it here before loading the TypeScript worker body.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker-body.ts');
