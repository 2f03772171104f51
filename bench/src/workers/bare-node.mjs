// A Node process that does nothing: what the runtime alone costs in RSS on
// this machine, so the download figures show what is ours.
import { report } from '../lib/worker-report.mjs';

report({});
