import type { Command } from 'commander';
import { EXIT_CODES } from '../exit/exit-codes.js';
import { demoTasks } from '../demo/demo-tasks.js';
import { runDemoTask } from '../demo/run-demo-task.js';
import { startSandbox } from '../jobs/sandbox-api.js';
import { DEFAULT_OUT_DIR } from '../options/common-options.js';
import { chooseProgressView } from '../output/choose-reporter.js';
import { summaryTable } from '../output/summary-table.js';
import { listenForInterrupt } from '../run/interrupt-signal.js';
import type { CommandContext } from './command-context.js';

interface DemoFlags {
  out: string;
}

/** `exportkit demo`: the sandbox in-process and one export per vendor, all at once, then a summary. */
export function registerDemoCommand(program: Command, context: CommandContext): void {
  program
    .command('demo')
    .description('start the sandbox in-process and export from all three vendors at once')
    .option('--out <dir>', 'folder to write the files into', DEFAULT_OUT_DIR)
    .action(async (flags: DemoFlags) => {
      const { output } = context;
      const { sandbox } = await startSandbox({});
      const interrupt = listenForInterrupt();
      const view = chooseProgressView(output, { json: false, quiet: false });
      try {
        const tasks = demoTasks(sandbox);
        output.info(`Sandbox on ${sandbox.url}: exporting from ${tasks.map((task) => task.vendor).join(', ')} into ${flags.out}`);
        const runs = await Promise.all(
          tasks.map((task) => runDemoTask(task, view.reporter(task.vendor), { outDir: flags.out, signal: interrupt.signal })),
        );
        view.stop();
        output.result('');
        for (const line of summaryTable(runs.map((run) => run.row))) output.result(line);
        // Ctrl-C wins; otherwise the first failure's code, so a script learns what went wrong.
        const failed = runs.find((run) => run.exitCode !== EXIT_CODES.ok);
        context.exit(interrupt.interrupted ? EXIT_CODES.interrupted : (failed?.exitCode ?? EXIT_CODES.ok));
      } finally {
        view.stop();
        interrupt.dispose();
        await sandbox.close();
      }
    });
}
