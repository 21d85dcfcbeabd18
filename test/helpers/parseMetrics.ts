/** One sample of Prometheus's text format: `name{label="value",…} 1`. */
export interface MetricSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: -?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** The samples of a Prometheus text exposition; fails on a line that is none, so a bad format shows. */
export function parseMetrics(text: string): MetricSample[] {
  return text
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const match = SAMPLE.exec(line);
      if (match === null) throw new Error(`Not a Prometheus sample: ${line}`);
      const [, name = "", labels = "", value = ""] = match;
      return {
        name,
        labels: Object.fromEntries(
          [...labels.matchAll(LABEL)].map(([, key = "", raw = ""]) => [
            key,
            raw.replace(/\\(.)/g, (_, char: string) => (char === "n" ? "\n" : char)),
          ]),
        ),
        value: Number(value),
      };
    });
}

/** The value of the sample named `name` whose labels include `labels`; undefined when none is. */
export function sampleValue(
  samples: readonly MetricSample[],
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  return samples.find(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  )?.value;
}
