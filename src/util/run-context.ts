import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';

/**
 * Where a command runs and with which environment. The binary runs one command per process, so
 * process.cwd() and process.env would do there; but `run(argv, io)` is also called in-process
 * (by tests, editors, the watch server) with its own `io.cwd`, and then what the user is shown
 * (paths relative to where they stand) and what the environment says (CI, cache folder) must be
 * the run's, not the host process's. AsyncLocalStorage carries them through every await of the
 * run without threading a parameter through each module that prints a path.
 */
export interface RunContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const storage = new AsyncLocalStorage<RunContext>();

export function withRunContext<T>(context: RunContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The folder the current run treats as the user's working directory. */
export function runCwd(): string {
  return storage.getStore()?.cwd ?? process.cwd();
}

/** The current run's environment variables. */
export function runEnv(): NodeJS.ProcessEnv {
  return storage.getStore()?.env ?? process.env;
}

/** A path as the user is shown it: relative to the run's working directory (the path itself if that is empty). */
export function shownPath(file: string): string {
  return path.relative(runCwd(), file) || file;
}
