import { describeStoreContract } from '../contract.js';
import { MemoryStore } from './memory-store.js';

describeStoreContract('MemoryStore', async () => new MemoryStore());
