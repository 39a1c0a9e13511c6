// The field names of a name/value record (`{"name": "DB_PASSWORD", "value": …}`, `{Key, Value}`,
// CloudFormation's `ParameterKey`/`ParameterValue`): read in structured data by named-pairs.ts and in
// text (YAML, HCL, JSON inside a log line) by the keyword detector, from these same lists.

/** A field that holds the name of the record's value. */
export const NAME_FIELDS = [
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
] as const;

/** A field that holds the record's value. */
export const VALUE_FIELDS = [
  "value",
  "Value",
  "ParameterValue",
  "parameterValue",
  "OptionValue",
  "optionValue",
  "val",
] as const;

/**
 * A field naming the input a UI action fills, as browser agents send them: Playwright's and
 * Puppeteer's `{"selector": "#password", "value": …}`, Playwright MCP's `browser_type`
 * (`{"element": "Password textbox", "ref": "e12", "text": …}`), a form's `{"label": "API key", "value": …}`.
 */
export const INPUT_FIELDS = ["selector", "element", "locator", "label", "field", "fieldName", "placeholder"] as const;

/** A field holding what the action types into that input. */
export const TYPED_FIELDS = ["value", "text"] as const;
