// The live row a person watches while the vendor works: state, elapsed time
// and when the poller will ask again; then bytes, rate and ETA.
import { describe, expect, it } from 'vitest';
import { renderRow } from '../src/output/live-board-row.js';

describe('renderRow', () => {
  const base = { vendor: 'omni', jobId: '310b3489-d7d2-4895', state: 'running', startedAt: 0, received: 0 };

  it('shows the state, the elapsed time and the next poll while waiting', () => {
    const line = renderRow({ ...base, nextPollAt: 7_000 }, 3_000);
    expect(line).toContain('running');
    expect(line).toMatch(/3(\.0)?\s?s elapsed/);
    expect(line).toMatch(/next poll in 4(\.0)?\s?s/);
  });

  it('drops the next poll once it is due', () => {
    expect(renderRow({ ...base, nextPollAt: 2_000 }, 3_000)).not.toContain('next poll');
  });

  it('shows bytes, rate and ETA while the file arrives', () => {
    const line = renderRow({ ...base, downloadStartedAt: 1_000, received: 1_048_576, total: 4_194_304 }, 2_000);
    expect(line).toMatch(/ETA/);
    expect(line).toMatch(/\/s/);
  });
});
