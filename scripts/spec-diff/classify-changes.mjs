// Classifies the changes between two overlaid vendor documents for users of a
// *generated TypeScript client* and proposes the semver bump. The structural
// diff is api-smart-diff's (it resolves $refs and knows OpenAPI 3.0/3.1); only
// the rules where a generated client differs from a generic API consumer are
// ours — see the table in specs/README.md, which has one example per rule.
import { isDeepStrictEqual } from 'node:util';
import { apiCompare } from 'api-smart-diff';
import { BUMPS, maxBump } from './bumps.mjs';


/** The one patch rule that changes the emitted types (`x?: T` becomes `x: T`); check:specs accepts it as a patch. */
export const RESPONSE_BECOMES_REQUIRED = 'response property becomes required (narrower, compatible)';

/** The overlay's mark that users must expect values the document does not list (no exhaustive switch). */
export const OPEN_ENUM = 'x-exportkit-open-enum';

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);
const ANNOTATIONS = new Set(['description', 'summary', 'title', 'example', 'examples', 'externalDocs', 'tags', 'x-exportkit-inferred']);
const LIBRARY_BUMP = { breaking: 'major', 'non-breaking': 'minor', deprecated: 'minor', annotation: 'patch' };

const at = (root, path) => path.reduce((node, key) => node?.[key], root);
const isIndex = (key) => typeof key === 'number';
const quote = (value) => JSON.stringify(value);

// Where in an operation a change sits, from its full diff path:
// "response 200 (application/json) field `sections[].key`". Parameter names
// are read from the merged document.
function describeLocation(merged, path) {
  const parts = [];
  const fields = [];
  for (let i = 3; i < path.length; i += 1) {
    const key = path[i];
    if (key === 'responses' && i + 1 < path.length) parts.push(`response ${path[++i]}`);
    else if (key === 'parameters' && isIndex(path[i + 1])) {
      const parameter = at(merged, path.slice(0, i + 2));
      parts.push(parameter?.name ? `${parameter.in} parameter \`${parameter.name}\`` : 'a parameter');
      i += 1;
    } else if (key === 'requestBody') parts.push('request body');
    else if (key === 'content' && i + 1 < path.length) parts.push(`(${path[++i]})`);
    else if (key === 'properties' && i + 1 < path.length) fields.push(String(path[++i]));
    else if (key === 'items' && fields.length) fields[fields.length - 1] += '[]';
  }
  if (fields.length) parts.push(`field \`${fields.join('.')}\``);
  return parts.join(' ');
}

/** The rule for one change inside an operation: { bump, what, rule }. */
function operationRule(diff, merged) {
  const { path, action } = diff;
  const last = path.at(-1);
  const parent = path.at(-2);
  const inResponse = path.includes('responses');
  const inRequest = !inResponse && (path.includes('parameters') || path.includes('requestBody'));
  const side = inResponse ? 'response' : 'request';

  if (path.length === 3 && METHODS.has(last)) {
    return action === 'add'
      ? { bump: 'minor', what: 'operation added', rule: 'new operation' }
      : { bump: 'major', what: 'operation removed', rule: 'removed operation' };
  }
  if (path.length === 2) {
    return action === 'add'
      ? { bump: 'minor', what: 'path added', rule: 'new operation' }
      : { bump: 'major', what: 'path removed', rule: 'removed operation' };
  }
  if (path.length === 4 && last === 'operationId') {
    if (action === 'add') return { bump: 'minor', what: `operationId ${quote(diff.after)} added`, rule: 'new operation name' };
    return {
      bump: 'major',
      what: action === 'remove' ? `operationId ${quote(diff.before)} removed` : `operationId renamed ${quote(diff.before)} -> ${quote(diff.after)}`,
      rule: 'renamed operationId (the generated `operations` key changes)',
    };
  }
  if (parent === 'enum' || last === 'enum') {
    const added = action === 'add' || (action === 'replace' && last === 'enum' && [].concat(diff.after ?? []).some((v) => ![].concat(diff.before ?? []).includes(v)));
    const value = parent === 'enum' ? quote(action === 'remove' ? diff.before : diff.after) : '';
    if (inResponse && added) {
      const schema = at(merged, path.slice(0, parent === 'enum' ? -2 : -1));
      if (schema?.[OPEN_ENUM] === true) return { bump: 'minor', what: `enum value ${value} added (open enum)`, rule: `response enum value added, enum marked ${OPEN_ENUM}` };
      return { bump: 'major', what: `enum value ${value} added`, rule: 'response enum value added (breaks exhaustive switches)' };
    }
    if (added) return { bump: 'minor', what: `enum value ${value} added`, rule: 'request enum value added' };
    return { bump: 'major', what: `enum value ${value} removed`, rule: `${side} enum value removed (\`case\` on it stops compiling)` };
  }
  if ((parent === 'required' && isIndex(last)) || (last === 'required' && Array.isArray(diff.before ?? diff.after))) {
    const name = isIndex(last) ? quote(action === 'remove' ? diff.before : diff.after) : '';
    const becomesRequired = action === 'add';
    if (inResponse) {
      return becomesRequired
        ? { bump: 'patch', what: `property ${name} now always sent (required)`, rule: RESPONSE_BECOMES_REQUIRED }
        : { bump: 'major', what: `property ${name} may now be absent (no longer required)`, rule: 'response property becomes optional' };
    }
    return becomesRequired
      ? { bump: 'major', what: `property ${name} now required`, rule: 'request property becomes required' }
      : { bump: 'minor', what: `property ${name} now optional`, rule: 'request requirement relaxed' };
  }
  if (last === 'required' && path.includes('parameters')) {
    return diff.after === true
      ? { bump: 'major', what: 'parameter now required', rule: 'request parameter becomes required' }
      : { bump: 'minor', what: 'parameter now optional', rule: 'request requirement relaxed' };
  }
  if (parent === 'parameters' && isIndex(last)) {
    if (action === 'remove') return { bump: 'major', what: 'parameter removed', rule: 'removed parameter' };
    if (action === 'add') {
      return diff.after?.required === true
        ? { bump: 'major', what: 'required parameter added', rule: 'new required parameter' }
        : { bump: 'minor', what: 'optional parameter added', rule: 'new optional parameter' };
    }
  }
  if (parent === 'properties') {
    if (action === 'remove') return { bump: 'major', what: 'property removed', rule: `removed ${side} property` };
    if (action === 'add') return { bump: 'minor', what: 'property added', rule: inRequest ? 'new optional request property (a required one is a separate change)' : 'new response property' };
  }
  if ((parent === 'oneOf' || parent === 'anyOf') && isIndex(last)) {
    if (inResponse && action === 'add') return { bump: 'major', what: `${parent} branch added`, rule: 'response union gains a member (breaks exhaustive switches)' };
    if (action === 'add') return { bump: 'minor', what: `${parent} branch added`, rule: 'request accepts more' };
    return { bump: 'major', what: `${parent} branch removed`, rule: `${side} union loses a member` };
  }
  if (last === 'type') return { bump: 'major', what: `type ${quote(diff.before)} -> ${quote(diff.after)}`, rule: 'changed type' };
  // OpenAPI 3.0's `nullable` is `| null` in the generated type (3.1 writes it as an anyOf branch, above).
  if (last === 'nullable') {
    const widens = diff.after === true;
    if (inResponse) {
      return widens
        ? { bump: 'major', what: 'may now be null', rule: 'response value becomes nullable (readers must handle null)' }
        : { bump: 'patch', what: 'never null now', rule: 'response value no longer nullable (narrower, compatible)' };
    }
    return widens
      ? { bump: 'minor', what: 'accepts null', rule: 'request accepts more' }
      : { bump: 'major', what: 'no longer accepts null', rule: 'request value no longer nullable' };
  }
  if (last === 'deprecated') return { bump: 'minor', what: diff.after ? 'deprecated' : 'no longer deprecated', rule: 'deprecation' };
  if (path.some((key) => key === 'examples' || key === 'example')) {
    return { bump: 'patch', what: 'example changed', rule: 'descriptions and examples only' };
  }
  if (ANNOTATIONS.has(last) || ANNOTATIONS.has(parent)) {
    return { bump: 'patch', what: `${ANNOTATIONS.has(last) ? last : parent} changed`, rule: 'descriptions and examples only' };
  }
  if (typeof last === 'string' && last.startsWith('x-')) return { bump: 'patch', what: `extension ${last} changed`, rule: 'vendor extension (no type change)' };
  return fallbackRule(diff);
}

// Anything our rules do not name keeps api-smart-diff's classification; an
// unclassified change is taken as breaking until a person says otherwise.
function fallbackRule(diff) {
  const bump = LIBRARY_BUMP[diff.type] ?? 'major';
  const label = diff.type === 'unclassified' ? 'unclassified by api-smart-diff: assumed breaking, review it' : `api-smart-diff: ${diff.type}`;
  return { bump, what: `${diff.path.at(-1)} ${diff.action === 'replace' ? 'changed' : `${diff.action === 'add' ? 'added' : 'removed'}`}`, rule: label };
}

// Component names are exported type names (components['schemas']['X'], and
// the root aliases rootTypes writes): a removed or renamed one breaks imports.
function componentChanges(diffs) {
  const whole = diffs.filter((d) => d.path[0] === 'components' && d.path.length === 3);
  const removed = whole.filter((d) => d.action === 'remove');
  const added = whole.filter((d) => d.action === 'add');
  const changes = [];
  const renamedTo = new Set();
  for (const gone of removed) {
    const [, kind, name] = gone.path;
    const twin = added.find((d) => d.path[1] === kind && !renamedTo.has(d) && isDeepStrictEqual(d.after, gone.before));
    if (twin) renamedTo.add(twin);
    changes.push({
      bump: 'major',
      where: `components.${kind}`,
      what: twin ? `\`${name}\` renamed to \`${twin.path[2]}\`` : `\`${name}\` removed`,
      rule: twin ? 'renamed component (the exported type name changes)' : 'removed component (the exported type name goes)',
    });
  }
  for (const made of added) {
    if (renamedTo.has(made)) continue;
    changes.push({ bump: 'minor', where: `components.${made.path[1]}`, what: `\`${made.path[2]}\` added`, rule: 'new component type' });
  }
  return changes;
}

// Every component name an operation reaches through $ref, transitively.
function reachableComponents(document) {
  const names = new Set();
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/components/')) {
      const key = node.$ref.slice('#/components/'.length);
      if (!names.has(key)) {
        names.add(key);
        const [kind, name] = key.split('/');
        visit(document.components?.[kind]?.[name]);
      }
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(document.paths);
  return names;
}

/**
 * Compares two overlaid documents. Returns the classified changes
 * ({ bump, where, what, rule }) and the proposed bump ('none' when nothing
 * semantic changed, e.g. a reformat).
 */
export function classifyChanges(before, after) {
  const metaKey = Symbol('diff');
  const { diffs, merged } = apiCompare(before, after, { metaKey });
  const reachable = new Set([...reachableComponents(before), ...reachableComponents(after)]);
  const changes = componentChanges(diffs);
  // A removed property that was required also loses its `required` entry;
  // that second diff says nothing new.
  const removedProperties = new Set(
    diffs.filter((d) => d.action === 'remove' && d.path.at(-2) === 'properties').map((d) => JSON.stringify([...d.path.slice(0, -2), d.path.at(-1)])),
  );
  const echoesRemoval = (d) =>
    d.action === 'remove' && d.path.at(-2) === 'required' && removedProperties.has(JSON.stringify([...d.path.slice(0, -2), d.before]));
  for (const diff of diffs) {
    if (echoesRemoval(diff)) continue;
    const [root] = diff.path;
    if (root === 'paths') {
      const [, route, method] = diff.path;
      const where = METHODS.has(method) ? `${method.toUpperCase()} ${route}` : `${route}`;
      const location = describeLocation(merged, diff.path);
      const { bump, what, rule } = operationRule(diff, merged);
      changes.push({ bump, where: location ? `${where} ${location}` : where, what, rule });
    } else if (root === 'components') {
      if (diff.path.length <= 3) continue; // whole components: componentChanges
      // A component an operation uses is already reported where it is used
      // (request or response decides the rule); only unused ones are left.
      if (reachable.has(`${diff.path[1]}/${diff.path[2]}`)) continue;
      const asResponse = operationRule({ ...diff, path: ['paths', '-', 'get', 'responses', '200', ...diff.path] }, merged);
      const asRequest = operationRule({ ...diff, path: ['paths', '-', 'post', 'requestBody', ...diff.path] }, merged);
      const worst = BUMPS.indexOf(asResponse.bump) >= BUMPS.indexOf(asRequest.bump) ? asResponse : asRequest;
      changes.push({ ...worst, where: `components.${diff.path[1]}.${diff.path[2]} (used by no operation)` });
    } else {
      const bump = ['info', 'tags', 'externalDocs', 'servers'].includes(root) ? 'patch' : fallbackRule(diff).bump;
      changes.push({ bump, where: diff.path.join('.'), what: diff.action === 'replace' ? 'changed' : `${diff.action === 'add' ? 'added' : 'removed'}`, rule: bump === 'patch' ? 'document metadata (no type change)' : fallbackRule(diff).rule });
    }
  }
  return { changes, bump: maxBump(...changes.map((c) => c.bump)) };
}
