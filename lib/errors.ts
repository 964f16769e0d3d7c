// Errors that carry a message safe to show the user and a code; one mapper (app/ layer) turns them
// into an HTTP status or a form error. Anything else is a bug: logged, never shown.

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(userMessage, options);
    this.name = new.target.name;
  }
}

/** Not allowed, or not found: callers say the same either way, so ids reveal nothing. */
export class ForbiddenError extends AppError {
  constructor(userMessage = "This is not available to you, or it does not exist.") {
    super("forbidden", 403, userMessage);
  }
}

export class NotSignedInError extends AppError {
  constructor() {
    super("not_signed_in", 401, "Please sign in first.");
  }
}

export class InvalidInputError extends AppError {
  constructor(userMessage: string) {
    super("invalid_input", 400, userMessage);
  }
}
