#!/bin/bash
# SPDX-License-Identifier: MIT
# A single-node Slurm cluster on this machine, from Debian's packages, for trying and testing
# `reciprocal experiment --slurm` (docs/cluster.md):
#   installer/slurm-local.sh start   install slurm-wlm and munge if missing, start munged, slurmctld
#                                    and slurmd, wait until the node is idle, print SLURM_CONF
#   installer/slurm-local.sh stop    stop them again
# Needs root (apt-get, the daemons). Everything it writes is under $RECIPROCAL_SLURM_DIR
# (default /tmp/reciprocal-slurm), except munge's own key, which its package creates. The cluster
# is reached through SLURM_CONF=$RECIPROCAL_SLURM_DIR/slurm.conf, so a slurm.conf of the machine's
# own is left alone.
set -euo pipefail

dir=${RECIPROCAL_SLURM_DIR:-/tmp/reciprocal-slurm}
conf="$dir/slurm.conf"
host=$(hostname -s)

say() { echo "slurm-local: $*" >&2; }

install_packages() {
    if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null &&
        command -v munged >/dev/null; then
        return
    fi
    say "installing slurm-wlm and munge"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
}

start_munge() {
    install -d -o munge -g munge -m 0755 /run/munge
    install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge
    [ -s /etc/munge/munge.key ] || mungekey --create --keyfile=/etc/munge/munge.key
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
    if ! munge -n >/dev/null 2>&1; then
        runuser -u munge -- /usr/sbin/munged
    fi
    for _ in $(seq 50); do munge -n >/dev/null 2>&1 && return; sleep 0.2; done
    say "munged did not start"
    exit 1
}

write_config() {
    local cpus memory
    cpus=$(nproc)
    memory=$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
    mkdir -p "$dir/state" "$dir/spool"
    cat >"$conf" <<CONF
# Written by installer/slurm-local.sh: one node, this machine, for trying Reciprocal's job arrays.
ClusterName=reciprocal-local
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
SwitchType=switch/none
MaxArraySize=100001
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
}

wait_idle() {
    for _ in $(seq 120); do
        state=$(SLURM_CONF="$conf" sinfo -h -n "$host" -o %t 2>/dev/null || true)
        if [ "$state" = idle ]; then
            say "node $host is idle; use it with: export SLURM_CONF=$conf"
            echo "SLURM_CONF=$conf"
            return
        fi
        sleep 0.5
    done
    say "the node did not become idle (state '${state:-none}'); see $dir/slurmctld.log and $dir/slurmd.log"
    exit 1
}

stop_daemons() {
    local daemon pid
    for daemon in slurmd slurmctld; do
        pid=$(cat "$dir/$daemon.pid" 2>/dev/null || true)
        if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        fi
        rm -f "$dir/$daemon.pid"
    done
}

case ${1:-} in
start)
    [ "$(id -u)" = 0 ] || { say "start needs root (apt-get and the daemons)"; exit 2; }
    install_packages
    start_munge
    stop_daemons # a cluster left from before restarts with this configuration
    write_config
    slurmctld -f "$conf"
    slurmd -f "$conf"
    wait_idle
    ;;
stop)
    stop_daemons
    say "stopped slurmctld and slurmd (munged keeps running)"
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
