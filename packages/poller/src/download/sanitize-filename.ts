/** Room for a temp-file prefix and suffix within the common 255-byte name limit. */
export const MAX_FILENAME_BYTES = 200;

// Windows refuses these as names with any extension (CON.txt, com1.pdf).
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// Control characters, and characters Windows forbids in names.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f<>:"|?*]/g;
const encoder = new TextEncoder();

/**
 * Makes a vendor-supplied name (Content-Disposition, `output_filename`,
 * `name`) safe to create inside the destination folder: only its last path
 * segment is kept, control and reserved characters become `_`, leading dots
 * and trailing dots or spaces go (no `..`, no hidden files), Windows device
 * names are defused, and the length is bounded (keeping the extension).
 * Returns `undefined` when nothing usable is left.
 */
export function sanitizeFilename(name: string, maxBytes: number = MAX_FILENAME_BYTES): string | undefined {
  const lastSegment = name.split(/[/\\]/).filter((part) => part !== '').pop() ?? '';
  let safe = lastSegment
    .normalize('NFC')
    .replace(FORBIDDEN, '_')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
  if (safe === '' || /^_+$/.test(safe)) return undefined;
  if (WINDOWS_RESERVED.test(safe)) safe = `_${safe}`;
  return truncateKeepingExtension(safe, Math.max(16, maxBytes));
}

function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** Cuts the stem (never inside a surrogate pair) so the name fits, keeping a short extension. */
function truncateKeepingExtension(name: string, maxBytes: number): string {
  if (byteLength(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const budget = maxBytes - byteLength(extension);
  // Every character takes at least one byte, so no more than `budget` of them
  // can fit: cut before splitting, or a 50 MB vendor name costs seconds and
  // hundreds of MB. (A surrogate pair split at the cut cannot be reached.)
  const stem = Array.from((extension ? name.slice(0, dot) : name).slice(0, budget + 1));
  let kept = '';
  for (const char of stem) {
    if (byteLength(kept + char) > budget) break;
    kept += char;
  }
  return kept.replace(/[\s.]+$/, '') + extension;
}
