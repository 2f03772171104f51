// Property-based tests (fast-check) for the poller's own parsers and policy:
// the backoff schedule, the filename sanitiser and the Content-Disposition
// reader, over inputs a hostile or broken server could send.
import { basename, join, resolve } from 'node:path';
// The poller's internals (not public API), read from its source: these properties are about them.
import { parseContentDisposition } from '../../packages/poller/src/download/parse-content-disposition.js';
import { MAX_FILENAME_BYTES, sanitizeFilename } from '../../packages/poller/src/download/sanitize-filename.js';
import { backoffDelay } from '../../packages/poller/src/internal/backoff.js';
import { MAX_TIMER_MS } from '../../packages/poller/src/internal/time.js';
import fc from 'fast-check';
import { test } from 'vitest';
import { scenario } from '../src/ledger.js';

const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Number.NaN, Infinity, -Infinity, 2 ** 53, 10 ** 15));

test('backoff: never negative, never above the maximum or a timer, hints honoured as a floor', () =>
  scenario('property/backoff-schedule', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 10_000 }),
        fc.integer({ min: 0, max: 10 ** 7 }),
        fc.integer({ min: 0, max: 10 ** 10 }),
        fc.option(anyNumber, { nil: undefined }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, minDelayMs, maxDelayMs, hintMs, unit) => {
          const delay = backoffDelay({ attempt, minDelayMs, maxDelayMs, hintMs, random: () => unit });
          const ceiling = Math.min(Math.max(minDelayMs, maxDelayMs), MAX_TIMER_MS);
          const floor = Math.min(minDelayMs, MAX_TIMER_MS);
          const hintFloor = hintMs !== undefined && hintMs > 0 ? Math.min(hintMs, ceiling) : 0;
          return Number.isFinite(delay) && delay >= 0 && delay <= ceiling && delay >= Math.min(floor, ceiling) && delay >= hintFloor;
        },
      ),
    );
  }));

// Names a hostile vendor might send: traversal, absolute paths, NUL and
// control characters, Windows device names, huge names.
const hostileName = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom('../../etc/passwd', '/etc/passwd', 'C:\\Windows\\win.ini', '..', '.', 'a\u0000b.pdf', 'CON', 'com1.pdf', 'nul.txt', ' .hidden', 'x'.repeat(10_240)),
  fc.array(fc.constantFrom('..', '.', '/', '\\', 'a', 'b.pdf', '\u0000', '\n', 'CON'), { maxLength: 20 }).map((parts) => parts.join('')),
);

test('filenames: whatever the vendor sends, the result stays one plain name inside the destination', () =>
  scenario('property/sanitize-filename', () => {
    const destination = resolve('/srv/exports');
    fc.assert(
      fc.property(hostileName, (name) => {
        const safe = sanitizeFilename(name);
        if (safe === undefined) return true;
        const target = resolve(join(destination, safe));
        return (
          basename(target) === safe &&
          target.startsWith(`${destination}/`) &&
          !/[\u0000-\u001f/\\]/.test(safe) &&
          safe !== '.' &&
          safe !== '..' &&
          !safe.startsWith('.') &&
          !/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(safe) &&
          new TextEncoder().encode(safe).length <= MAX_FILENAME_BYTES
        );
      }),
    );
  }));

test('Content-Disposition: any header value reads without throwing, to a string or nothing', () =>
  scenario('property/parse-content-disposition', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 500 }),
          hostileName.map((n) => `attachment; filename="${n}"`),
          hostileName.map((n) => `attachment; filename*=UTF-8''${encodeURIComponent(n)}`),
        ),
        (header) => {
          const name = parseContentDisposition(header);
          return name === undefined || (typeof name === 'string' && name.length > 0);
        },
      ),
    );
  }));
