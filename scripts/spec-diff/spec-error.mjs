// The one error the spec tools (spec:update, check:specs, specs:lock) end
// with: its message is a single line naming the problem, printed as is.
export class SpecError extends Error {
  name = 'SpecError';
}

/** Runs a command's main; a SpecError prints its one line and exits 1, anything else is a bug (stack). */
export async function runMain(name, main) {
  try {
    process.exitCode = (await main()) ?? 0;
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    console.error(`${name}: ${error.message}`);
    process.exitCode = 1;
  }
}
