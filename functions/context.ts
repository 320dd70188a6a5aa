import { loadConfig, type Capability } from '../shared/config.js';
import { compose, type Composed } from '../shared/composition-root.js';

export { FUNCTION_NEEDS } from '../shared/config.js';

/**
 * The adapters of one function, composed once per process on first use (a
 * warm Lambda keeps its clients and connections). `selfArn` is the invoked
 * function's ARN: the publish function is its own retry target.
 */
export function functionContext(needs: readonly Capability[]): (selfArn?: string) => Composed {
  let composed: Composed | undefined;
  return (selfArn) =>
    (composed ??= compose(loadConfig(needs, process.env, selfArn ? { selfArn } : {})));
}
