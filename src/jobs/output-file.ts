/** A file a job produced, in memory: `name` is relative to the output directory. */
export interface OutputFile {
  name: string;
  data: Uint8Array | string;
  /** Binary formats are refused on a terminal. */
  binary: boolean;
}
