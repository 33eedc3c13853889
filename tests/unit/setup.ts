// Real IndexedDB semantics in Node: fake-indexeddb implements the spec, including
// transactions, indexes, key ranges and version-change upgrades.
import 'fake-indexeddb/auto';
