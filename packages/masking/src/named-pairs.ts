// A value named by its neighbour rather than by its own key: `{"name": "DB_PASSWORD", "value": …}`
// (Kubernetes and ECS env, HAR headers, CI variables), `{"Key": …, "Value": …}` (tags, parameter
// stores), `{"ParameterKey": …, "ParameterValue": …}` (CloudFormation) and `["X-Api-Key", …]` tuples.
// The value is judged as if the name were its key, with the same strong and weak rules.
import { classifyKey, type KeyClass } from "./key-names";

const NAME_KEYS = new Set([
  "name",
  "Name",
  "key",
  "Key",
  "ParameterKey",
  "parameterKey",
  "ParameterName",
  "parameterName",
  "OptionName",
  "optionName",
  "variable",
  "Variable",
  "header",
  "Header",
]);
const VALUE_KEYS = new Set(["value", "Value", "ParameterValue", "parameterValue", "OptionValue", "optionValue", "val"]);
// A name/value record is small; larger objects are not read for one.
const MAX_PAIR_KEYS = 8;

export interface NamedValue {
  /** Index of the value among the object's keys (1 for a tuple). */
  at: number;
  cls: KeyClass;
  /** The key that holds the name, for the finding's detector (`pair:name`); never the name itself. */
  nameKey: string;
}

/** The value an object's name field names as a credential, or null. */
export function namedValueOf(keys: string[], values: unknown[]): NamedValue | null {
  if (keys.length < 2 || keys.length > MAX_PAIR_KEYS) return null;
  let nameAt = -1;
  let valueAt = -1;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (NAME_KEYS.has(k)) {
      if (nameAt >= 0) return null; // two names: not one pair
      nameAt = i;
    } else if (VALUE_KEYS.has(k)) {
      if (valueAt >= 0) return null;
      valueAt = i;
    }
  }
  if (nameAt < 0 || valueAt < 0) return null;
  const cls = nameClass(values[nameAt]);
  return cls ? { at: valueAt, cls, nameKey: keys[nameAt]! } : null;
}

/** `["X-Api-Key", "k9f8…"]`: the second item of a pair whose first names a credential, or null. */
export function namedTupleOf(items: unknown[]): NamedValue | null {
  if (items.length !== 2) return null;
  const cls = nameClass(items[0]);
  return cls ? { at: 1, cls, nameKey: "tuple" } : null;
}

// A name is one identifier-like word (`DB_PASSWORD`, `X-Api-Key`, `/prod/db/password`), not a sentence.
const NAME_SHAPE = /^[A-Za-z_./:-][\w./:-]{0,127}$/;

function nameClass(name: unknown): KeyClass | null {
  return typeof name === "string" && NAME_SHAPE.test(name) ? classifyKey(name) : null;
}
