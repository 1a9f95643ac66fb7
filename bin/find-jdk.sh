# Sourced (POSIX sh) by ./mvnw and bin/lightstream: makes JAVA_HOME point at a JDK >= 25.
# Keeps a JAVA_HOME that is already new enough; otherwise looks at the usual install places
# and takes the newest JDK it finds. Prints what to install when there is none.

lightstream_java_feature() {
  # The feature release (17, 21, 25...) of the JDK at $1, or nothing.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

lightstream_find_jdk() {
  lightstream_min=25
  if [ -n "${JAVA_HOME-}" ]; then
    v=$(lightstream_java_feature "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$lightstream_min" ]; then return 0; fi
  fi
  best= best_v=0
  # Callers may run with globbing off (mvnw uses set -f): turn it on for the search.
  case $- in *f*) lightstream_noglob=1 ;; *) lightstream_noglob= ;; esac
  set +f
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "${HOME:-/nonexistent}"/.sdkman/candidates/java/* \
      "${HOME:-/nonexistent}"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -d "$candidate" ] || continue
    v=$(lightstream_java_feature "$candidate")
    if [ -n "$v" ] && [ "$v" -ge "$lightstream_min" ] && [ "$v" -gt "$best_v" ]; then
      best=$candidate best_v=$v
    fi
  done
  [ -z "$lightstream_noglob" ] || set -f
  if [ -z "$best" ]; then
    echo "Lightstream needs a JDK $lightstream_min or newer and found none." >&2
    echo "Install one (for example 'apt install temurin-25-jdk' from adoptium.net, or 'sdk install java 25-tem')," >&2
    echo "or set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
}

lightstream_find_jdk || exit 1
