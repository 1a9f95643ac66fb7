package dev.lightstream.cli.demo;

import dev.lightstream.cli.io.Console;
import dev.lightstream.ipc.IpcWriteOptions;
import dev.lightstream.memory.BufferAllocator;
import java.nio.file.Path;

/**
 * What every round of the demo shares.
 *
 * @param directory where rounds put their files
 * @param keepFiles whether they leave them there afterwards
 * @param allocator the memory of every batch, written or read
 * @param writeOptions compression of what is written
 * @param console for progress on stderr
 * @param expected the table that what is read back must equal: the generated one, except in
 *     tests that make sure a difference is caught
 */
public record DemoContext(Path directory, boolean keepFiles, BufferAllocator allocator, IpcWriteOptions writeOptions,
        Console console, DemoTable expected) {}
