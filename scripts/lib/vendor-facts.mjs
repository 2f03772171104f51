// Reads the facts a vendor's OpenAPI document has no schema for — its quota
// windows, which start calls may be sent twice, which status words mean what,
// which file answers mean "not ready yet" — from the `x-exportkit-*`
// extensions its overlay declares beside their sources, and renders them as a
// typed constant. The adapters import the constant, so each fact is written
// once (in the overlay) and a vendor's new status word fails the build.
//
//   x-exportkit-rate-limit: [{ requests, windowSeconds }]   anywhere (one per document)
//   x-exportkit-start-retry: any-retryable | rate-limited-only   on an operation
//   x-exportkit-job-states: { <vendor word>: pending|running|succeeded|failed }   on an operation
//   x-exportkit-not-ready: [<status code>]   on an operation

const JOB_STATUSES = new Set(['pending', 'running', 'succeeded', 'failed']);
const START_RETRIES = new Set(['any-retryable', 'rate-limited-only']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function fail(vendorName, message) {
  throw new Error(`${vendorName} overlay: ${message}`);
}

function resolveRef(document, node) {
  if (!node || typeof node.$ref !== 'string') return node;
  const path = node.$ref.replace(/^#\//, '').split('/');
  return path.reduce((at, part) => at?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], document);
}

/** Every enum value of a property named `status` reachable in a schema (through $ref, oneOf, anyOf, allOf, properties). */
function statusWords(document, schema, seen = new Set()) {
  const node = resolveRef(document, schema);
  if (!node || typeof node !== 'object' || seen.has(node)) return new Set();
  seen.add(node);
  const words = new Set();
  const add = (more) => more.forEach((word) => words.add(word));
  for (const key of ['oneOf', 'anyOf', 'allOf']) for (const branch of node[key] ?? []) add(statusWords(document, branch, seen));
  for (const [name, property] of Object.entries(node.properties ?? {})) {
    const resolved = resolveRef(document, property);
    if (name === 'status' && Array.isArray(resolved?.enum)) add(resolved.enum);
    add(statusWords(document, property, seen));
  }
  return words;
}

function rateLimitOf(vendorName, document) {
  const found = [];
  (function walk(node) {
    if (!node || typeof node !== 'object') return;
    if (Object.hasOwn(node, 'x-exportkit-rate-limit')) found.push(node['x-exportkit-rate-limit']);
    for (const value of Object.values(node)) walk(value);
  })(document);
  if (found.length !== 1) fail(vendorName, `declare x-exportkit-rate-limit exactly once (found ${found.length}); [] when the vendor documents none`);
  const windows = found[0];
  if (!Array.isArray(windows)) fail(vendorName, 'x-exportkit-rate-limit must be a list of { requests, windowSeconds }');
  return windows.map((window) => {
    const ok = Number.isSafeInteger(window?.requests) && window.requests > 0 && Number.isSafeInteger(window?.windowSeconds) && window.windowSeconds > 0;
    if (!ok) fail(vendorName, `x-exportkit-rate-limit window ${JSON.stringify(window)} needs positive whole requests and windowSeconds`);
    return { limit: window.requests, windowMs: window.windowSeconds * 1000 };
  });
}

function jobStatesOf(vendorName, document, key, operation, states) {
  for (const [word, status] of Object.entries(states ?? {})) {
    if (!JOB_STATUSES.has(status)) fail(vendorName, `${key}: x-exportkit-job-states maps "${word}" to "${status}", not one of ${[...JOB_STATUSES].join(', ')}`);
  }
  const schema = operation.responses?.['200']?.content?.['application/json']?.schema;
  const words = statusWords(document, schema);
  const missing = [...words].filter((word) => !Object.hasOwn(states, word));
  const unknown = Object.keys(states).filter((word) => !words.has(word));
  if (missing.length > 0 || unknown.length > 0) {
    fail(vendorName, `${key}: x-exportkit-job-states must map exactly the status words the spec declares` +
      `${missing.length ? `; missing ${missing.join(', ')}` : ''}${unknown.length ? `; not in the spec ${unknown.join(', ')}` : ''}`);
  }
  return states;
}

/** The facts of one overlaid document, checked; throws naming the overlay's mistake. */
export function vendorFacts(vendorName, document) {
  const facts = { rateLimits: rateLimitOf(vendorName, document), startRetry: {}, jobStates: {}, notReady: {} };
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const key = `${method.toUpperCase()} ${path}`;
      const retry = operation['x-exportkit-start-retry'];
      if (retry !== undefined) {
        if (!START_RETRIES.has(retry)) fail(vendorName, `${key}: x-exportkit-start-retry must be one of ${[...START_RETRIES].join(', ')}`);
        facts.startRetry[key] = retry;
      }
      const states = operation['x-exportkit-job-states'];
      if (states !== undefined) facts.jobStates[key] = jobStatesOf(vendorName, document, key, operation, states);
      const notReady = operation['x-exportkit-not-ready'];
      if (notReady !== undefined) {
        const codes = Array.isArray(notReady) ? notReady.map(Number) : [];
        if (codes.length === 0 || codes.some((code) => !Object.hasOwn(operation.responses ?? {}, String(code)))) {
          fail(vendorName, `${key}: x-exportkit-not-ready must list status codes the operation declares`);
        }
        facts.notReady[key] = codes;
      }
    }
  }
  return facts;
}

/** The facts as a TypeScript module: one `as const` object, so keys and words are literal types. */
export function renderVendorFacts(header, vendorName, facts) {
  return (
    `${header}// Facts the ${vendorName} document has no schema for, declared by x-exportkit-* extensions in its overlay.\n` +
    `/** Quotas (rateLimits), start calls safe to resend (startRetry), status words (jobStates) and "not ready" answers (notReady), by "METHOD path". */\n` +
    `export const vendorFacts = ${JSON.stringify(facts, null, 2)} as const;\n`
  );
}
