import { afterEach, beforeEach, describe } from 'vitest';
import { registerAnalysisContract } from './contract/analysis.js';
import { registerPlacesContract } from './contract/places.js';
import { registerEventGroupContract } from './contract/event-groups.js';
import { registerExploreContract } from './contract/explore.js';
import { registerQueryContract } from './contract/queries.js';
import { registerRevisionsContract } from './contract/revisions.js';
import { registerSearchContract } from './contract/search.js';
import { registerWriteContract } from './contract/writes.js';
import type { Store } from './store.js';

/**
 * The contract every Store adapter passes: call it from an adapter's test file with a factory that
 * opens a fresh, empty store. Each test gets its own store, closed after it.
 *
 *   describeStoreContract('MemoryStore', async () => new MemoryStore());
 */
export type StoreFactory = () => Promise<Store>;

export interface ContractContext {
  /** The store of the running test. */
  readonly store: () => Store;
  /** Another fresh store, for tests that need more than one (closed with the test). */
  readonly open: StoreFactory;
}

export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let current: Store | null = null;
    const extra: Store[] = [];
    beforeEach(async () => {
      current = await factory();
    });
    afterEach(async () => {
      await current?.close();
      for (const store of extra.splice(0)) await store.close();
    });
    const context: ContractContext = {
      store: () => current!,
      open: async () => {
        const store = await factory();
        extra.push(store);
        return store;
      },
    };
    registerWriteContract(context);
    registerSearchContract(context);
    registerQueryContract(context);
    registerAnalysisContract(context);
    registerPlacesContract(context);
    registerEventGroupContract(context);
    registerExploreContract(context);
    registerRevisionsContract(context);
  });
}
