import { sandboxWithFinishedDownload } from './lib/finished-download.mjs';
const f = await sandboxWithFinishedDownload(Number(process.argv[2]));
console.log(JSON.stringify(f));
setInterval(() => {}, 1 << 30);
