function firstSyntaxError(top, text) {
  let found;
  top.cursor().iterate((n) => {
    if (found) return false;
    if (n.type.isError) {
      found = n.node;
      return false;
    }
    return void 0;
  });
  if (!found) return void 0;
  const err = found;
  const unclosed = unclosedBracket(text);
  if (err.from >= text.trimEnd().length) {
    if (unclosed) {
      return {
        offset: unclosed.offset,
        message: `"${unclosed.char}" is never closed: expected "${CLOSER[unclosed.char]}" before the end of the expression`
      };
    }
    return { offset: err.from, message: "unexpected end of expression" };
  }
  const before = text.slice(0, err.from).match(/([A-Za-z_:][A-Za-z0-9_:]*)\s*$/);
  const skipped = text.slice(err.from, Math.max(err.to, err.from + 1)).trim();
  if (before && text.slice(err.from).trimStart().startsWith("(") && !KEYWORDS.has(before[1].toLowerCase())) {
    const name = before[1];
    return { offset: err.from - before[0].length, message: `unknown function "${name}"` };
  }
  return { offset: err.from, message: `unexpected "${skipped.slice(0, 20)}"` };
}
const KEYWORDS = /* @__PURE__ */ new Set(["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "and", "or", "unless"]);
const CLOSER = { "(": ")", "[": "]", "{": "}" };
function unclosedBracket(text) {
  const stack = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === "`") {
      i = skipString(text, i);
      continue;
    }
    if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === "(" || c === "[" || c === "{") stack.push({ char: c, offset: i });
    else if ((c === ")" || c === "]" || c === "}") && stack.length > 0) stack.pop();
  }
  return stack[stack.length - 1];
}
function skipString(text, start) {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote !== "`" && c === "\\") {
      i++;
      continue;
    }
    if (c === quote) return i;
    if (quote !== "`" && c === "\n") return i - 1;
  }
  return text.length - 1;
}
export {
  firstSyntaxError,
  skipString
};
