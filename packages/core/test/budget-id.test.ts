import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { budgetIdForKey, budgetIdOf, createVendorClient, type VendorDefinition } from '../src/index.js';

const definition: VendorDefinition = {
  packageName: '@exportkit/test-vendor',
  version: '0.0.0',
  defaultBaseUrl: 'http://127.0.0.1:9',
  authHeaders: (apiKey) => ({ Authorization: `Bearer ${apiKey}` }),
};
const KEY = 'sk-live-budget-id-0123456789abcdef';

describe('the budget id of a vendor client', () => {
  it('is the same for every client of one key, differs between keys, and does not hold the key', () => {
    const a = createVendorClient(definition, { apiKey: KEY });
    const b = createVendorClient(definition, { apiKey: KEY, userAgent: 'other/1.0' });
    const other = createVendorClient(definition, { apiKey: `${KEY}-2` });
    expect(budgetIdOf(a)).toBe(budgetIdOf(b));
    expect(budgetIdOf(a)).not.toBe(budgetIdOf(other));
    expect(budgetIdOf(a)).toMatch(/^key-[0-9a-f]{16}$/);
    for (const part of [KEY, KEY.slice(0, 8), KEY.slice(-8)]) expect(budgetIdOf(a)).not.toContain(part);
    // Not enumerable: spreading or logging the client does not carry it.
    expect(Object.keys(a)).not.toContain('budgetId');
    expect(JSON.stringify(Object.getOwnPropertySymbols(a).map(String))).toContain('exportkit.budgetId');
  });

  it('is the same in another process (no per-process counter, no random salt)', () => {
    const script = `import('${new URL('../dist/index.js', import.meta.url).href}').then((core) => process.stdout.write(core.budgetIdForKey(${JSON.stringify(KEY)})))`;
    const elsewhere = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(elsewhere).toBe(budgetIdForKey(KEY));
  });

  it('is undefined for an object no factory made', () => {
    expect(budgetIdOf({})).toBeUndefined();
  });
});
