# Choosing a Java runtime (sourced; functions only).

# newest_java_home MIN: the newest JDK under /usr/lib/jvm whose version is at least MIN; fails when none is.
newest_java_home() {
  local min="$1" candidate major best="" best_major=0
  for candidate in /usr/lib/jvm/*; do
    [[ -x "$candidate/bin/java" ]] || continue
    major="$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    major="${major%%.*}"
    if [[ "$major" =~ ^[0-9]+$ ]] && ((major >= min && major > best_major)); then
      best="$candidate"
      best_major="$major"
    fi
  done
  [ -n "$best" ] || return 1
  echo "$best"
}
