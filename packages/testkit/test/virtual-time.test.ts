import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createVirtualTime, VirtualTime } from '../src/virtual-time.js';

describe('VirtualTime', () => {
  it('run() jumps to each timer in order (timers due together fire in registration order) and returns the result', async () => {
    const time = new VirtualTime(1_000);
    const fired: string[] = [];
    const work = Promise.all([
      time.sleep(3_600_000).then(() => fired.push(`b@${time.now}`)),
      time.sleep(5).then(() => fired.push(`a@${time.now}`)),
      time.sleep(3_600_000).then(() => fired.push(`c@${time.now}`)),
    ]).then(() => 'done');
    const started = Date.now();
    expect(await time.run(work)).toBe('done');
    expect(fired).toEqual(['a@1005', 'b@3601000', 'c@3601000']);
    expect(time.completed).toEqual([5, 3_600_000, 3_600_000]);
    // An hour of virtual time, in real milliseconds.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a sleep that is aborted leaves the queue, rejects with the reason and is not counted as completed', async () => {
    const time = new VirtualTime();
    const controller = new AbortController();
    const sleeping = time.sleep(1_000, controller.signal);
    expect(time.pending()).toBe(1);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(time.pending()).toBe(0);
    await expect(time.sleep(1, controller.signal)).rejects.toThrow('stop');
    expect(time.completed).toEqual([]);
  });

  it('run() gives up after maxTurns, whether the work sleeps forever or waits on something else', async () => {
    const time = new VirtualTime();
    const forever = (async () => {
      for (;;) await time.sleep(1_000);
    })();
    await expect(time.run(forever, 50)).rejects.toThrow(/within 50 turns of the driver/);
    // Two quiet turns per move of the clock.
    expect(time.now).toBe(25_000);
    await expect(time.run(new Promise(() => {}), 20)).rejects.toThrow(/within 20 turns/);
  });

  it('the background driver does not move the clock while a tracked request is in flight', async () => {
    const server = createServer((_req, res) => setTimeout(() => res.end('late'), 100));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const time = createVirtualTime(0);
    try {
      const order: string[] = [];
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const fetched = time.fetch(url).then(async (response) => order.push(`${await response.text()}@${time.now}`));
      const slept = time.sleep(60_000).then(() => order.push(`slept@${time.now}`));
      await Promise.all([fetched, slept]);
      expect(order).toEqual(['late@0', 'slept@60000']);
    } finally {
      await time.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('advance() moves the clock by hand, and until() fails after its real-time bound', async () => {
    const time = new VirtualTime(10);
    time.advance(90);
    expect(time.clock()).toBe(100);
    await expect(time.until(() => false, 20)).rejects.toThrow(/not met within 20 ms \(virtual clock at 100\)/);
  });
});
