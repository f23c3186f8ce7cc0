#!/usr/bin/env bash
# Installs from Debian's packages the commands the tests and the demo run that the
# machine lacks: chromium (the browser tests), kcat (a peer the tests compare with) and
# openssl (the secured clusters' certificates, scripts/kafka/tls.ts). Usage:
#   scripts/system-packages.sh chromium kcat openssl
set -euo pipefail
need=()
for cmd in "$@"; do
  command -v "$cmd" >/dev/null 2>&1 || need+=("$cmd")
done
[ "${#need[@]}" -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing ${need[*]}: install them with your system's package manager (this machine has no apt-get)." >&2
  exit 1
fi
echo "Installing ${need[*]} from Debian's packages..." >&2
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Missing ${need[*]}: run 'apt-get install ${need[*]}' as root." >&2; exit 1; }
  SUDO="sudo"
fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
