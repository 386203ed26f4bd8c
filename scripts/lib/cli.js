'use strict';
// Command lines of the project's scripts: node:util parseArgs with one-line messages that name
// the option, and notebook arguments (paths, or patterns the shell left unexpanded).
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');

/** A bad command line: the script prints the message on one line and exits 2. */
class UsageError extends Error {}

/** parseArgs's error as one short line naming the option. */
function describeParseError(error, options) {
  const quoted = /'(-[^' ,]+)/.exec(error.message);
  const long = /'(?:-\w, )?(--[\w-]+)/.exec(error.message);
  const option = (long && long[1]) || (quoted && quoted[1]) || 'an option';
  const spec = options[option.replace(/^--/, '')] || {};
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${quoted ? quoted[1] : option}`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(error.message)) return `${option} takes no value`;
    const needs = `${option} needs ${spec.valueName || 'a value'}`;
    // "ambiguous": the next word starts with a dash
    return /ambiguous/.test(error.message) ? `${needs} (for one that starts with -, write ${option}=-...)` : needs;
  }
  return error.message.split('\n')[0];
}

/**
 * util.parseArgs (strict, positionals allowed) whose errors are UsageErrors of one line.
 * `options` is parseArgs's option table; an entry may add `valueName` ("a folder") for messages.
 */
function parseCommandLine(argv, options) {
  try {
    return util.parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    if (error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(describeParseError(error, options));
    }
    throw error;
  }
}

/** A glob with * and ? as a regular expression over a file name. */
function globToRegExp(glob) {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/** A notebook argument: a path, or a pattern with * and ? the shell left unexpanded. */
function expandNotebooks(arg) {
  if (fs.existsSync(arg) || !/[*?]/.test(arg)) {
    if (!fs.existsSync(arg)) throw new UsageError(`no such notebook: ${arg}`);
    if (!arg.endsWith('.ipynb') || !fs.statSync(arg).isFile()) throw new UsageError(`not a notebook (.ipynb): ${arg}`);
    return [path.resolve(arg)];
  }
  const dir = path.dirname(arg);
  const pattern = globToRegExp(path.basename(arg));
  const matches = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((f) => pattern.test(f) && f.endsWith('.ipynb')).sort()
    : [];
  if (matches.length === 0) throw new UsageError(`no notebook matches ${arg}`);
  return matches.map((f) => path.resolve(dir, f));
}

/** A whole number from an option's text, inside [min, max], or a UsageError naming the option. */
function integerOption(name, value, { min = -Infinity, max = Infinity } = {}) {
  if (!/^[-+]?\d+$/.test(String(value).trim())) throw new UsageError(`--${name} ${value}: not a whole number`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} ${value}: must be between ${min} and ${max}`);
  return n;
}

module.exports = { UsageError, parseCommandLine, expandNotebooks, globToRegExp, integerOption };
