// A Node process that makes the one status call the poller makes before a
// download (plain fetch of the same URL, with the same key header), then
// waits as long as a download takes. Its peak RSS is what the runtime costs
// once fetch has been used: after a few calls V8 compiles undici's HTTP
// parser (llhttp, WebAssembly) with its optimizing compiler in the
// background, and that takes some 20-30 MiB of memory for a moment, in any
// process that calls fetch (`node --liftoff-only` shows it: the peak is gone).
//   node after-one-fetch.mjs <statusUrl> <headerName> <headerValue> <waitMs>
import { report } from '../lib/worker-report.mjs';

const [url, name, value, waitMs] = process.argv.slice(2);
const response = await fetch(url, { headers: { [name]: value } });
if (!response.ok) throw new Error(`HTTP ${response.status}`);
await response.json();
await new Promise((resolve) => setTimeout(resolve, Number(waitMs)));
report({});
