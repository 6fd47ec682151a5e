# Sourced by run.sh and test.sh: install what a fresh machine of this kind lacks, and nothing else.
# PostgreSQL server binaries come from Debian's packages; Chromium (browser tests only) too.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "Need root to run: $*" >&2; return 1; fi
}

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if ! as_root apt-get install -y -q "$@" >/dev/null 2>&1; then
    as_root apt-get update -q >/dev/null 2>&1 || true
    as_root apt-get install -y -q "$@" >/dev/null
  fi
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET SDK 10 is required (dotnet on PATH); this machine kind ships it." >&2
    exit 1
  fi
}

ensure_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
    echo "Installing PostgreSQL server binaries (Debian package 'postgresql') ..."
    apt_install postgresql
    # The package starts a system cluster; we run our own under the data folder, so stop that one.
    as_root service postgresql stop >/dev/null 2>&1 || true
  fi
  # PostgreSQL refuses to run as root; as root we run it as the 'postgres' user, which the package creates.
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    as_root useradd --system --home /var/lib/postgresql --shell /bin/bash postgres
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Chromium for the browser tests (Debian package 'chromium') ..."
    apt_install chromium || echo "warning: could not install chromium; browser tests will fail" >&2
  fi
}
