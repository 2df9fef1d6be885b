# A systemd to run units under, on a machine (or CI container) whose PID 1 is not systemd: systemd booted as
# PID 1 of its own PID, mount, UTS and IPC namespaces, on an empty target (nothing of the machine's own units
# starts), with private /run, /tmp and /var/tmp so that its boot-time clean-up (tmpfiles' --remove, which
# empties /tmp) touches nothing outside it. Killing it kills everything it started. Sourced by tests; needs root.
#
#   systemd_sandbox_start DIR      boots it (DIR: a folder for its log); sets $systemd_pid (its PID out here)
#   in_sandbox COMMAND...          runs a command inside it (systemctl, or sh -c to write a drop-in in its /run)
#   systemd_sandbox_stop           kills it

systemd_sandbox_available() {
  [[ $(id -u) -eq 0 && -x /lib/systemd/systemd ]] && command -v unshare >/dev/null && command -v nsenter >/dev/null &&
    unshare --pid --fork --mount --uts --ipc --mount-proc true 2>/dev/null
}

systemd_sandbox_start() {
  local log_dir=$1
  unshare --pid --fork --mount --uts --ipc --mount-proc --propagation private sh -c '
    mount -t tmpfs tmpfs /run && mount -t tmpfs tmpfs /tmp && mount -t tmpfs tmpfs /var/tmp &&
    mkdir -p /run/systemd/system &&
    printf "[Unit]\nDescription=An empty target for tests\nDefaultDependencies=no\n" \
      >/run/systemd/system/sandbox-test.target &&
    exec env container=dateline-test /lib/systemd/systemd --system --unit=sandbox-test.target \
      --log-target=console' >"$log_dir/systemd.log" 2>&1 &
  local unshare_pid=$!
  systemd_pid=""
  for _ in $(seq 100); do
    systemd_pid=$(pgrep -P "$unshare_pid" -x systemd || true)
    [[ -n $systemd_pid ]] && break
    sleep 0.1
  done
  [[ -n $systemd_pid ]] || { cat "$log_dir/systemd.log" >&2; return 1; }
  local state=""
  for _ in $(seq 300); do
    state=$(in_sandbox systemctl is-system-running 2>/dev/null || true)
    [[ $state == running || $state == degraded ]] && return 0
    sleep 0.1
  done
  echo "systemd in the sandbox did not come up (state: $state)" >&2
  cat "$log_dir/systemd.log" >&2
  return 1
}

in_sandbox() { nsenter -t "$systemd_pid" -m -p -u -i "$@"; }

systemd_sandbox_stop() {
  [[ -n ${systemd_pid:-} ]] && kill -9 "$systemd_pid" 2>/dev/null || true
  systemd_pid=""
}
