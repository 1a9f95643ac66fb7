package dev.lightstream.cli.demo;

import java.io.IOException;

/**
 * Data read back by the demo differs from what was generated: which batch, row and column, and
 * both values. Checked, like every other error about bad data.
 */
public final class DemoMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    public DemoMismatchException(String message) {
        super(message);
    }
}
