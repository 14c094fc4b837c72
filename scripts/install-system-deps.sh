#!/usr/bin/env bash
# Install the Debian packages ActionTrack needs, only those missing.
#   run:  nodejs/npm (GOV.UK Frontend assets)
#   run:  also pango (WeasyPrint renders board reports as PDF) and a font
#   test: postgresql (throwaway test cluster), chromium (browser tests),
#         libreoffice-writer-nogui (board reports' Word documents converted to PDF).
set -euo pipefail
what=${1:-test}

missing=()
need() { # need PACKAGE TEST-COMMAND...
  local package=$1; shift
  "$@" >/dev/null 2>&1 || missing+=("$package")
}
need nodejs command -v node
need npm command -v npm
need libpango-1.0-0 bash -c 'ldconfig -p | grep -q libpango-1.0.so'
need libpangoft2-1.0-0 bash -c 'ldconfig -p | grep -q libpangoft2-1.0.so'
need fonts-dejavu-core test -d /usr/share/fonts/truetype/dejavu
if [ "$what" = test ]; then
  need postgresql bash -c 'ls /usr/lib/postgresql/*/bin/initdb'
  need chromium command -v chromium
  need libreoffice-writer-nogui command -v soffice
fi

[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
