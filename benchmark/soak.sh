#!/usr/bin/env bash
# The long soak of the safety proofs: the generated-shapes suite (both strategies, seeded events and
# faults through the real adapter, crm_simulate as the cluster), the adapter-vs-crm_mon and
# model-vs-adapter differential test, and the model-vs-Pacemaker check, each over many seeds.
# CI runs 6/15/30 seeds; this runs as many as asked. Needs Pacemaker's CLIs (cibadmin, crm_simulate,
# crm_mon, crm_verify), no root, no daemons. A failure prints its seed and shape.
#
#   benchmark/soak.sh [SEEDS [FIRST]]     default: 200 seeds from seed 1 (about an hour on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-200}
first=${2:-1}
start=$(date +%s)
./mvnw -B -ntp -q -pl azevents-cli -am test \
    -Dtest='GeneratedShapesTest,GeneratedViewsDifferentialTest,CibShapesPacemakerTest' \
    -Dsurefire.failIfNoSpecifiedTests=false \
    -Dazevents.shapes.seeds="$seeds" -Dazevents.shapes.first="$first" \
    -Dazevents.views.seeds="$seeds" -Dazevents.model.seeds="$seeds"
echo "soak: $seeds seeds from $first passed in $(( $(date +%s) - start )) s"
