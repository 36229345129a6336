# Sourced by ./walrus, .ci/run and the scripts: sets and exports JAVA_HOME to a JDK 25 or newer
# ($JAVA_HOME if it is one, else the newest under /usr/lib/jvm), or exits with one line saying
# what is missing. Reads each JDK's `release` file with shell builtins only (no JVM start, no
# subprocess): the launcher runs this on every call.

# Sets walrus_jdk_major to the major Java version of the JDK at $1, or 0 if it is not a JDK. Only
# a JDK without a `release` file costs a JVM start (`java -version`).
walrus_jdk_major() {
  local line v=0
  if [[ -x $1/bin/java && -r $1/release ]]; then
    while IFS= read -r line; do
      if [[ $line == JAVA_VERSION=* ]]; then
        v=${line#JAVA_VERSION=}
        break
      fi
    done <"$1/release"
  elif [[ -x $1/bin/java ]]; then
    read -r line < <("$1/bin/java" -version 2>&1)
    [[ $line =~ \"([0-9._]+) ]] && v=${BASH_REMATCH[1]}
  fi
  v=${v//\"/}
  [[ $v == 1.* ]] && v=${v#1.}
  v=${v%%[!0-9]*}
  walrus_jdk_major=${v:-0}
}

walrus_jdk_major "${JAVA_HOME:-/nonexistent}"
if ((walrus_jdk_major < 25)); then
  JAVA_HOME=
  walrus_jdk_best=0
  for walrus_jdk_dir in /usr/lib/jvm/*; do
    walrus_jdk_major "$walrus_jdk_dir"
    if ((walrus_jdk_major >= 25 && walrus_jdk_major > walrus_jdk_best)); then
      walrus_jdk_best=$walrus_jdk_major
      JAVA_HOME=$walrus_jdk_dir
    fi
  done
  if [[ -z $JAVA_HOME ]]; then
    echo "walrus: needs a JDK 25 or newer; set JAVA_HOME or install Temurin 25" >&2
    exit 1
  fi
fi
export JAVA_HOME
