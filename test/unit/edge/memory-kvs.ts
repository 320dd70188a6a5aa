import type { EdgeKeyValueStore } from '../../../shared/ports/edge-kvs.port.js';

/** An in-memory EdgeKeyValueStore that counts reads and can be made to fail. */
export function memoryKvs(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  const store = {
    values,
    reads: 0,
    failing: false,
    async get(key: string) {
      store.reads++;
      if (store.failing) throw new Error('store unavailable');
      return values.get(key);
    },
    async put(key: string, value: string) {
      values.set(key, value);
    },
    async delete(key: string) {
      values.delete(key);
    },
  };
  return store satisfies EdgeKeyValueStore;
}
