/**
 * Lightstream integration: the Arrow integration-testing JSON format (the "gold file" JSON of
 * apache/arrow-testing), read into and written from the core model, and a comparator that checks
 * two readings of a case against each other the way Arrow's archery does.
 */
module dev.lightstream.integration {
    requires transitive dev.lightstream.core;
    requires com.fasterxml.jackson.core;

    exports dev.lightstream.integration;
}
