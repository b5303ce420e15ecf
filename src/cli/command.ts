export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit status. Throw UsageError for bad arguments. */
  run(this: Command, argv: string[]): Promise<number>;
}
