/** Lightstream CSV: a streaming CSV reader into Arrow record batches, and a writer. */
module dev.lightstream.csv {
    requires transitive dev.lightstream.core;

    exports dev.lightstream.csv;
}
