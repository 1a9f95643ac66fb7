#!/usr/bin/env bash
# Fuzzes one target with Jazzer for a given time.
#
#   fuzz/run.sh TARGET [SECONDS]      TARGET: stream file mmap tlv protocol json (default 600 s)
#
# The working corpus grows in fuzz/.cifuzz-corpus/<class>/<method> (kept between runs, ignored by
# git); the seeds are loaded from the Arrow test data at every start. A finding stops the run: the
# input is saved as fuzz/crash-<sha1> (or under src/test/resources/.../<Class>Inputs/<method> if
# that directory exists) and the exit status is non-zero. Replay it by copying it into that
# directory and running the suite: regression mode runs every file there.
#
# The build stops at the `test` phase, so sibling modules are used from their target/classes: two
# targets can fuzz at once from one checkout once it is built.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: fuzz/run.sh stream|file|mmap|tlv|protocol|json [SECONDS]}
seconds=${2:-600}
case $target in
    stream) class=IpcStreamFuzzTest ;;
    file) class=IpcFileFuzzTest ;;
    mmap) class=MappedFileFuzzTest ;;
    tlv) class=TlvFuzzTest ;;
    protocol) class=ProtocolFuzzTest ;;
    json) class=IntegrationJsonFuzzTest ;;
    *) echo "unknown target: $target (stream file mmap tlv protocol json)" >&2; exit 2 ;;
esac

# The JUnit default timeout becomes libFuzzer's -timeout (one input taking over 10 s is a finding);
# JUnit itself must not time the whole campaign out.
JAZZER_FUZZ=1 exec ./mvnw -q -B -pl fuzz -am test \
    -Dtest="$class" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.max_duration="${seconds}s" \
    -Dfuzz.inputTimeout=10s \
    -Dfuzz.smallHeap.skip=true -Dfuzz.burst.skip=true \
    -Djunit.jupiter.execution.timeout.mode=disabled \
    "${@:3}"
