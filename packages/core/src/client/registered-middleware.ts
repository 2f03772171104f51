import type { Middleware } from 'openapi-fetch';

interface MiddlewareHost {
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
}

/**
 * Whether an openapi-fetch client has middleware registered. Its list is
 * private, so `use` and `eject` are followed into a copy kept the same way
 * (one entry per registration, the first match removed per eject). A call
 * with middleware must be built as a real Request: middleware reads and
 * replaces Requests.
 */
export function followMiddleware(client: MiddlewareHost): () => boolean {
  const registered: Middleware[] = [];
  const use = client.use.bind(client);
  const eject = client.eject.bind(client);
  client.use = (...middleware) => {
    // One at a time: openapi-fetch throws on a malformed one and keeps those before it.
    for (const m of middleware) {
      use(m);
      if (m) registered.push(m);
    }
  };
  client.eject = (...middleware) => {
    eject(...middleware);
    for (const m of middleware) {
      const at = registered.indexOf(m);
      if (at !== -1) registered.splice(at, 1);
    }
  };
  return () => registered.length > 0;
}
