import type { FaultStage } from '../faults/fault-names.js';

/** A route: method and path pattern (`:name` segments), the stage it belongs to, and its handler. */
export interface Route<Handler> {
  method: string;
  pattern: string;
  /** Faults fire only on routes with a stage. */
  stage?: FaultStage;
  /** The path parameter naming the job, for per-job faults. */
  jobParam?: string;
  handler: Handler;
}

export interface RouteMatch<Handler> {
  route: Route<Handler>;
  params: Record<string, string>;
}

/** Finds the route for a method and path; `methodAllowed` is false when only the method is wrong. */
export function matchRoute<Handler>(
  routes: readonly Route<Handler>[],
  method: string,
  path: string,
): RouteMatch<Handler> | { methodAllowed: boolean } {
  const segments = path.split('/').filter(Boolean);
  let pathMatched = false;
  for (const route of routes) {
    const params = matchPattern(route.pattern, segments);
    if (!params) continue;
    pathMatched = true;
    const methods = route.method === 'GET' ? ['GET', 'HEAD'] : [route.method];
    if (methods.includes(method)) return { route, params };
  }
  return { methodAllowed: !pathMatched };
}

function matchPattern(pattern: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').filter(Boolean);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}
