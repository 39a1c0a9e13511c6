// Browser automation that types a credential into an input named for it: Playwright's and
// Puppeteer's `page.fill('#password', '…')` and `page.type(…)`, a locator's `.fill('…')`
// (`getByLabel('Password').fill(…)`), Selenium's `find_element(By.ID, "password").send_keys("…")`,
// Cypress's `cy.get('#password').type('…')`, jQuery's `.val('…')` and the DOM's `.value = '…'`.
// The keyword detector finds the credential's name inside the selector; this reads what is typed.

export interface TypedValue {
  start: number;
  end: number;
}

const QUOTES = "'\"`";
/** How far a selector's string may run around the name (`input[name="password"]`, `[data-test=login-password]`). */
const SELECTOR_REACH = 64;
// `fill(selector, value)`: the call the selector is the first argument of
const FILL_CALL = /(?:^|[.\s])(?:fill|type|setValue|sendKeys|typeText)\([ \t]{0,4}$/;
// after the selector's call closes: a typing method on the element it found, with what it types
const TYPING_METHOD =
  /\)(?:\.(?:first|last)\(\)|\.nth\(\d{1,3}\))?(?:\.clear\(\))?\.(?:fill|type|send_keys|sendKeys|val|setValue|pressSequentially|typeText)\([ \t]{0,4}(["'`])/y;
// `document.getElementById("password").value = "…"`
const VALUE_PROPERTY = /\)\.value[ \t]{0,4}=[ \t]{0,4}(["'`])/y;
const SECOND_ARGUMENT = /[ \t]{0,4},[ \t]{0,4}(["'`])/y;

/** The quoted literal opening at `open` (its quote), to its closing quote on the line, or null. */
function literalAt(text: string, open: number): TypedValue | null {
  const quote = text[open]!;
  for (let i = open + 1; i < text.length && i - open <= 257; i++) {
    const c = text[i]!;
    if (c === "\n" || c === "\r") return null;
    if (c === "\\") i++;
    else if (c === quote) return i > open + 1 ? { start: open + 1, end: i } : null;
  }
  return null;
}

/**
 * What a UI action types into the input whose selector (or label) holds the name [s, e), or null
 * when the name is not inside a selector given to such an action.
 */
export function typedIntoSelector(text: string, s: number, e: number): TypedValue | null {
  // the selector's string: its closing quote after the name, its opening quote before it, on the line
  let close = e;
  while (close < text.length && close - e < SELECTOR_REACH && !QUOTES.includes(text[close]!)) {
    if (text[close] === "\n" || text[close] === " ") return null;
    close++;
  }
  const quote = text[close];
  if (quote === undefined || !QUOTES.includes(quote)) return null;
  const open = text.lastIndexOf(quote, s - 1);
  if (open < 0 || s - open > SELECTOR_REACH || text.slice(open, s).includes("\n")) return null;
  SECOND_ARGUMENT.lastIndex = close + 1;
  if (SECOND_ARGUMENT.test(text) && FILL_CALL.test(text.slice(Math.max(0, open - 24), open))) {
    return literalAt(text, SECOND_ARGUMENT.lastIndex - 1);
  }
  for (const after of [TYPING_METHOD, VALUE_PROPERTY]) {
    after.lastIndex = close + 1;
    if (after.test(text)) return literalAt(text, after.lastIndex - 1);
  }
  return null;
}
