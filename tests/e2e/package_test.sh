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
if dpkg-query -W -f='${Status}' dateline 2>/dev/null | grep "install ok installed" >/dev/null; then # no SIGPIPE
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
  DATELINE_INBOX= DATELINE_REPORT="$work/state/last-run.json" DATELINE_COMPACT_ON="$(LC_ALL=C date +%a)" \
  /usr/lib/dateline/dateline-nightly
assert_eq "$status" 0 "the nightly job: $err"
if [[ -f state/news.db/XAPIANDB ]]; then
  assert_contains "$err" "compacted" "the nightly job compacts on the day DATELINE_COMPACT_ON names"
fi
(( $(jq -r .articles.added state/last-run.json) > 0 )) || fail "the nightly job indexed nothing"
(( $(dateline-query --db state/news.db stats --format json | jq -r .articles) > 0 )) || fail "no articles"
# The timer runs the job: under a systemd of its own (tests/e2e/systemd_sandbox.sh: its own namespaces, an empty
# target), a drop-in makes dateline-nightly.timer fire a second after it starts, with a configuration of the
# test's (a feed as a file:// URL, a database of its own).
source "$(dirname "$0")/systemd_sandbox.sh"
if systemd_sandbox_available; then
  trap 'systemd_sandbox_stop; rm -rf /var/lib/dateline-test; dpkg --purge dateline >/dev/null 2>&1 || true; cleanup' EXIT
  install -d -m 755 /var/lib/dateline-test
  install -m 644 feed.xml /var/lib/dateline-test/feed.xml
  printf '%s\n' DATELINE_DB=/var/lib/dateline/timer.db DATELINE_FEEDS=file:///var/lib/dateline-test/feed.xml \
    DATELINE_INBOX= DATELINE_REPORT=/var/lib/dateline/timer-run.json >/var/lib/dateline-test/dateline.conf
  systemd_sandbox_start "$work" || fail "systemd did not boot in its sandbox"
  in_sandbox sh -c 'd=/run/systemd/system; mkdir -p $d/dateline-nightly.timer.d $d/dateline-nightly.service.d &&
    printf "[Timer]\nOnCalendar=\nRandomizedDelaySec=0\nOnActiveSec=1\n" >$d/dateline-nightly.timer.d/test.conf &&
    printf "[Service]\nEnvironmentFile=\nEnvironmentFile=/var/lib/dateline-test/dateline.conf\n" \
      >$d/dateline-nightly.service.d/test.conf'
  in_sandbox systemctl daemon-reload
  in_sandbox systemctl start dateline-nightly.timer
  for _ in $(seq 600); do
    [[ $(in_sandbox systemctl show -p Result --value dateline-nightly.service) == success &&
       $(in_sandbox systemctl show -p ExecMainExitTimestampMonotonic --value dateline-nightly.service) != 0 ]] && break
    sleep 0.1
  done
  in_sandbox systemctl status --no-pager dateline-nightly.timer dateline-nightly.service >units.log 2>&1 || true
  assert_eq "$(in_sandbox systemctl show -p Result --value dateline-nightly.service)" success \
    "the service the timer started: $(cat units.log)"
  [[ -f /var/lib/dateline/timer-run.json ]] || fail "the timer's run left no report: $(cat units.log)"
  (( $(jq -r .articles.added /var/lib/dateline/timer-run.json) > 0 )) || fail "the timer's run indexed nothing"
  assert_eq "$(stat -c %U /var/lib/dateline/timer.db)" dateline "the job ran as the dateline user"
  systemd_sandbox_stop
  rm -rf /var/lib/dateline-test /var/lib/dateline/timer.db /var/lib/dateline/timer-run.json
  timer_ran=", the timer fired and ran the job under systemd"
else
  echo "package: no systemd sandbox here (needs root, unshare and /lib/systemd/systemd); the timer is not run"
fi
dpkg --purge dateline >dpkg.log 2>&1 || { cat dpkg.log >&2; fail "dpkg --purge"; }
[[ ! -e /usr/bin/dateline-index ]] || fail "dateline-index is left after removal"
echo "package: built, installed, nightly job run${timer_ran:-}, removed"
