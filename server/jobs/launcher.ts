import "server-only";

type Task = () => Promise<unknown>;

/**
 * Where background work runs. In the app it starts right after the request that asked for it, in this process
 * (the jobs table holds its progress, so a restart can resume it); tests swap in their own launcher to run the
 * task when they choose.
 */
let launcher: (task: Task) => void = (task) => {
  setImmediate(() => {
    task().catch(() => undefined); // the task records its own failure on its job row
  });
};

export function launchInBackground(task: Task) {
  launcher(task);
}

export function setLauncher(next: (task: Task) => void) {
  launcher = next;
}
