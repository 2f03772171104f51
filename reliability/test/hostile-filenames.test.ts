// Hostile file names from each place a name comes from (Content-Disposition,
// Closient's output_filename, VideoDB's name): traversal, absolute paths,
// NUL and control characters, Windows device names, 10 KB names. Each is
// neutralised: the file lands inside the destination under a safe name, with
// the right bytes, and nothing is written outside it.
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { countLeaks } from '../src/credential-leaks.js';
import { inspectFolder } from '../src/destination-check.js';
import { closientDone, startHostileVendor, videodbDone, FILE_BYTES, type HostileBehaviour, type HostileVendor } from '../src/hostile-vendor.js';
import { downloadFromHostile, FILE_SHA256, HOSTILE_API_KEY, scenarioRoot } from '../src/hostile-download.js';
import { scenario } from '../src/ledger.js';
import { settle } from '../src/sandbox-export.js';

let hostile: HostileVendor;
beforeAll(async () => {
  hostile = await startHostileVendor();
});
afterAll(() => hostile?.close());

/**
 * Names that try to leave the folder, hide, break a terminal or a file
 * system. Each is made from the scenario root, so an absolute path aims at
 * a place the scenario watches rather than at the real /etc.
 */
const HOSTILE_NAMES: [string, (root: string) => string][] = [
  ['dot-dot traversal', () => '../../escaped.txt'],
  ['backslash traversal', () => '..\\..\\escaped.txt'],
  ['absolute path', (root) => join(root, 'outside.txt')],
  ['Windows absolute path', () => 'C:\\Windows\\System32\\escaped.txt'],
  ['only dots', () => '..'],
  ['hidden name', () => '.bashrc'],
  ['NUL byte', () => 'report\u0000.txt'],
  ['control characters', () => 'bell\u0007\u001b[31mred\r\n.txt'],
  ['Windows device name', () => 'CON'],
  ['Windows device name with extension', () => 'com1.pdf'],
  ['10 KB name', () => `${'x'.repeat(10_240)}.zip`],
];

type Source = 'content-disposition' | 'output_filename' | 'name';

function behaviourFor(source: Source, name: string): { vendor: 'closient' | 'videodb'; behaviour: HostileBehaviour } {
  if (source === 'name') return { vendor: 'videodb', behaviour: { status: (url) => JSON.stringify(videodbDone(url, { name })) } };
  if (source === 'output_filename') {
    return { vendor: 'closient', behaviour: { status: (url) => JSON.stringify(closientDone(url, { output_filename: name })) } };
  }
  return {
    vendor: 'closient',
    behaviour: {
      status: (url) => JSON.stringify(closientDone(url)),
      serveFile: (res) => {
        // RFC 5987 form: the only way a header can carry NUL, CR or LF once decoded.
        res.writeHead(200, { 'Content-Length': FILE_BYTES.length, 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` });
        res.end(FILE_BYTES);
      },
    },
  };
}

/** A name any file system takes and no shell or listing trips over. */
function isSafeName(name: string): boolean {
  return (
    !/[/\\\u0000-\u001f\u007f]/.test(name) &&
    !name.startsWith('.') &&
    !/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(name) &&
    Buffer.byteLength(name) <= 255
  );
}

describe('hostile file names', () => {
  const sources: Source[] = ['content-disposition', 'output_filename', 'name'];
  for (const source of sources) {
    test.each(HOSTILE_NAMES)(`${source}: %s is neutralised inside the destination`, (label, nameIn) =>
      scenario(`hostile/filename/${source}/${label.replace(/\s+/g, '-')}`, async () => {
        const where = await scenarioRoot();
        try {
          const { vendor, behaviour } = behaviourFor(source, nameIn(where.root));
          hostile.set(behaviour);
          const outcome = await settle(downloadFromHostile(hostile, vendor, { to: where.dest }));
          if (!outcome.ok) throw outcome.error;
          const file = outcome.value.file;
          expect(dirname(file)).toBe(where.dest);
          expect(isSafeName(basename(file)), JSON.stringify(basename(file).slice(0, 80))).toBe(true);
          const verdict = await inspectFolder(where.dest, { file, sha256: FILE_SHA256 });
          const stray = await where.strayOutside();
          expect(stray).toEqual([]);
          return { corruptedFiles: verdict.corruptedFiles, partialFiles: verdict.partialFiles + stray.length, credentialLeaks: countLeaks([HOSTILE_API_KEY], [file]) };
        } finally {
          await where.remove();
        }
      }),
    );
  }
});
