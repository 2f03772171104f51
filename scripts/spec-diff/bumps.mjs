// Semver bump kinds, weakest first; 'none' is a change that needs no release.
export const BUMPS = ['none', 'patch', 'minor', 'major'];
export const maxBump = (...bumps) => bumps.reduce((a, b) => (BUMPS.indexOf(b) > BUMPS.indexOf(a) ? b : a), 'none');
