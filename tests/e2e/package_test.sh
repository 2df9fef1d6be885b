#!/usr/bin/env bash
# The Debian package: built by CPack from this build, it holds both programs, their man pages, the systemd
# units and the sample configuration, depends on what the binaries link; installed with dpkg (when the test
# runs as root: CI's fresh machine), its nightly job runs as the unit runs it and indexes a feed, and it
# removes cleanly.
source "$(dirname "$0")/lib.sh"
: "${DATELINE_BUILD_DIR:?set by CTest}"

cpack -G DEB --config "$DATELINE_BUILD_DIR/CPackConfig.cmake" -B "$work/package" >cpack.log 2>&1 ||
  { cat cpack.log >&2; fail "cpack"; }
deb=$(ls "$work"/package/dateline_*.deb)
contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/dateline-index ./usr/bin/dateline-query ./usr/share/man/man1/dateline-index.1 \
  ./usr/share/man/man1/dateline-query.1 ./usr/lib/systemd/system/dateline-nightly.service \
  ./usr/lib/systemd/system/dateline-nightly.timer ./usr/lib/systemd/system/dateline-serve.service \
  ./usr/lib/dateline/dateline-nightly ./etc/dateline/dateline.conf; do
  assert_contains "$contents" "$path" "the package holds $path"
done
depends=$(dpkg-deb -f "$deb" Depends)
for library in libxapian30 libicu72 libxml2 libjemalloc2; do
  assert_contains "$depends" "$library" "Depends"
done
assert_eq "$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles)" "/etc/dateline/dateline.conf" "conffiles"
dpkg-deb -x "$deb" root
man -l root/usr/share/man/man1/dateline-index.1 2>/dev/null | grep -q -- "--report" ||
  grep -q -- "report" root/usr/share/man/man1/dateline-index.1 || fail "the man page lacks the options"

if [[ $(id -u) -ne 0 ]] || ! command -v dpkg >/dev/null; then
  echo "package: built and inspected; not installed (installing needs root, as on CI's fresh machine)"
  exit 0
fi
if dpkg-query -W -f='${Status}' dateline 2>/dev/null | grep -q "install ok installed"; then
  echo "package: a dateline package is installed on this machine already; not touching it"
  exit 0
fi
trap 'dpkg --purge dateline >/dev/null 2>&1 || true; cleanup' EXIT
dpkg -i "$deb" >dpkg.log 2>&1 || { cat dpkg.log >&2; fail "dpkg -i"; }
getent passwd dateline >/dev/null || fail "the package made no dateline user"
[[ "$(dateline-index --version)" == *Xapian* ]] || fail "the installed dateline-index does not run"
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify /usr/lib/systemd/system/dateline-nightly.timer \
    /usr/lib/systemd/system/dateline-nightly.service /usr/lib/systemd/system/dateline-serve.service \
    >verify.log 2>&1 || { cat verify.log >&2; fail "systemd-analyze verify"; }
fi
# The nightly job as dateline-nightly.service runs it: the configuration as its environment, as the dateline
# user, with a feed given as a file:// URL (curl fetches it as it would an http one).
cp "$DATELINE_CORPUS/feeds/korea-desk.rss" feed.xml
mkdir state && chown dateline:dateline state && chmod a+rx "$work"
chmod a+r feed.xml
run runuser -u dateline -- env DATELINE_DB="$work/state/news.db" DATELINE_FEEDS="file://$work/feed.xml" \
  DATELINE_INBOX= DATELINE_REPORT="$work/state/last-run.json" /usr/lib/dateline/dateline-nightly
assert_eq "$status" 0 "the nightly job: $err"
(( $(jq -r .articles.added state/last-run.json) > 0 )) || fail "the nightly job indexed nothing"
(( $(dateline-query --db state/news.db stats --format json | jq -r .articles) > 0 )) || fail "no articles"
dpkg --purge dateline >dpkg.log 2>&1 || { cat dpkg.log >&2; fail "dpkg --purge"; }
[[ ! -e /usr/bin/dateline-index ]] || fail "dateline-index is left after removal"
echo "package: built, installed, nightly job run, removed"
