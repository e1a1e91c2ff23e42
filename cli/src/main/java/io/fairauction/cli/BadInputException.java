package io.fairauction.cli;

/** Input the user can fix (a file, an argument); reported as one line, exit code 2. */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
