// Usage errors in one line each, in mlq's words rather than Node's parseArgs text.
import { MlqError } from '../errors.js';
import { COMMAND_OPTIONS } from './options.js';

const COMMANDS = Object.keys(COMMAND_OPTIONS);

/** What a bare `mlq` prints, on stderr: every command, and where the rest is. */
export const SHORT_USAGE = `Usage: mlq ${COMMANDS.join('|')} [options]
Run "mlq --help" for the options, the rules and the exit codes.
`;

/** A command mlq does not have. */
export function unknownCommand(command: string): MlqError {
  return new MlqError(`unknown command "${command}" (expected ${COMMANDS.slice(0, -1).join(', ')} or ${COMMANDS.at(-1)}; see mlq --help)`);
}

const SEE_HELP = '(see mlq --help)';

/** An error of util.parseArgs as one line: "unknown option --frobnicate (see mlq --help)". */
export function usageError(error: unknown): MlqError {
  const { code, message } = error as { code?: string; message: string };
  // "Unknown option '--frobnicate'", "Option '-q, --quiet' does not take an argument": the long name.
  const option = /'(?:-[^-' ], )?(-[^' ,]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return new MlqError(`unknown option ${option} ${SEE_HELP}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    const problem = /does not take an argument/.test(message)
      ? 'takes no value'
      : /ambiguous/.test(message)
        ? `needs a value (one that starts with "-" is written ${option}=-value)`
        : 'needs a value';
    return new MlqError(`option ${option} ${problem} ${SEE_HELP}`);
  }
  return new MlqError(`${message.split('\n')[0]} ${SEE_HELP}`);
}
