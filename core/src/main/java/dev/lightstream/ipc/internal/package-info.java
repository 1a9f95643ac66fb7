/**
 * The machinery of {@code dev.lightstream.ipc}, not exported: flatbuffer schema conversion
 * ({@link dev.lightstream.ipc.internal.SchemaReader}, {@link dev.lightstream.ipc.internal.SchemaWriter}),
 * the batch loader that turns a message body into arrays
 * ({@link dev.lightstream.ipc.internal.BatchLoader}) and its content checks, the message encoder
 * of the writers ({@link dev.lightstream.ipc.internal.MessageEncoder}), dictionaries by id on
 * both sides, and the concatenation of arrays for delta dictionaries
 * ({@link dev.lightstream.ipc.internal.ArrayConcat}).
 */
package dev.lightstream.ipc.internal;
