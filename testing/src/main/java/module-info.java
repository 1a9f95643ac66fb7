/** Shared test fixtures for the Lightstream modules. */
module dev.lightstream.testing {
    exports dev.lightstream.testing;
}
