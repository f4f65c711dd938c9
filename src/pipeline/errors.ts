/**
 * Coded errors for bugs and misuse: they throw at once, and say what to do next. Problems with one
 * document are not errors: they are messages recorded on that document (see model/document.ts), and
 * expected rejections are typed results (see model/article.ts).
 */
export const ERROR_CODES = {
  E_STAGE_DEFINITION: 'A stage definition is invalid.',
  E_PIPELINE_ORDER: 'A stage requires a layer that no earlier stage provides.',
  E_PIPELINE_DUPLICATE: 'Two stages in one pipeline have the same name.',
  E_STAGE_OUTPUT: 'A stage returned a layer that breaks the stage contract.',
  E_OPTION: 'An option has an invalid value.',
  E_INPUT: 'An input cannot be read.',
  E_USAGE: 'A command was called with invalid arguments.',
  E_MODEL_MISSING: 'A model or resource file a stage needs is missing.',
  E_MODEL_CORRUPT: 'A model or resource file cannot be read or does not match this version of Parley.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class ParleyError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(hint ? `${message} ${hint}` : message);
    this.name = 'ParleyError';
    this.code = code;
    this.hint = hint;
  }
}

export function isParleyError(value: unknown): value is ParleyError {
  return value instanceof ParleyError;
}
