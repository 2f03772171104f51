// The only module that names the sandbox's API, for the `sandbox` and `demo` commands.
export { startSandbox, type Sandbox } from '@exportkit/sandbox';
