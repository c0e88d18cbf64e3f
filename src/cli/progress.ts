import cliProgress from "cli-progress";

/** A progress reporter: a bar on a terminal, plain lines otherwise. */
export interface Progress {
  /** Reports `done` of `total` steps, with a label for the current one. */
  update: (done: number, total: number, label: string) => void;
  /** Finishes the bar. */
  stop: () => void;
}

/** Creates a progress reporter for `total` steps on stderr. */
export function createProgress(total: number, title: string): Progress {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ format: `${title} [{bar}] {value}/{total} {label}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
    bar.start(total, 0, { label: "" });
    return { update: (done, _t, label) => bar.update(done, { label }), stop: () => bar.stop() };
  }
  return {
    update: (done, t, label) => process.stderr.write(`${title}: ${done}/${t} ${label}\n`),
    stop: () => undefined,
  };
}
