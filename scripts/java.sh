#!/usr/bin/env bash
# Sourced by run.sh and test.sh: picks a JDK 21+ for the build and the app.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
  :
else
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      JAVA_HOME="$candidate"
      break
    fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "Home First needs a JDK 21 or newer." >&2
    echo "Install one (e.g. Temurin 21/25) under /usr/lib/jvm or set JAVA_HOME." >&2
    exit 1
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
echo "Using Java $(java_major "$JAVA_HOME") from $JAVA_HOME"
