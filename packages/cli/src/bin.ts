#!/usr/bin/env node
import { runCli } from './cli.js';

const code = await runCli(process.argv.slice(2));
// Exit once stdout has drained (a piped `--json` object is never cut short),
// without waiting for idle keep-alive sockets to time out.
process.stdout.write('', () => process.exit(code));
