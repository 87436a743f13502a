#!/usr/bin/env bash
# What Longhorn needs on every node (run as root on each VM, Debian or Ubuntu): the iSCSI initiator
# for its block devices and an NFS client for ReadWriteMany volumes.
#   ./node-prerequisites.sh
set -euo pipefail
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq open-iscsi nfs-common
systemctl enable --now iscsid
modprobe iscsi_tcp
echo iscsi_tcp > /etc/modules-load.d/longhorn.conf
echo "Longhorn prerequisites installed; check with: systemctl is-active iscsid"
