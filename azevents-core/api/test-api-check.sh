#!/bin/sh
# Proves that the API check (japicmp in azevents-core's POM) fails on a breaking change and passes
# otherwise. It first builds azevents-core from the working tree and takes that jar as a release
# (azevents-core-1.0.0.jar), the baseline of every case, with the copy's version set to
# 1.1.0-SNAPSHOT: the next minor release. So the cases test the mechanism, whatever baseline and
# version are committed. Each case copies the source tree (working tree, without target/ and
# .git) to a scratch directory, applies one change to azevents-core there and runs the check:
#
#   unchanged                                      -> passes
#   a public method added to AzEventsAgent         -> passes (a minor change)
#   AzEventsAgent.withClock removed                -> fails  (binary-incompatible, io.azevents.core)
#   NodeDrainStrategyProvider.parameters() loses
#   its default (now abstract)                     -> fails  (binary-incompatible, io.azevents.core.spi)
#   an abstract method added to NodeDrainStrategyProvider -> fails (embedders implement it)
#   withClock removed and the version made 2.0.0   -> passes (the major version changed)
#   PlanExecutor.execute (core.internal) changed
#   binary-incompatibly                            -> passes (internal is not API)
#
# Those cases run with the flags a release sets (semantic versioning judges). Three more run with the
# POM as committed before the first release, where the 1.0 candidate is frozen:
#
#   a public method added                          -> passes
#   withClock removed, version made 2.0.0          -> fails  (no break before 1.0.0, whatever the version)
#   an abstract method added to the SPI            -> fails
#
# Usage: azevents-core/api/test-api-check.sh   (from anywhere; offline; about three minutes)
# Exit 0 when every case ends as expected, 1 otherwise. MVN_FLAGS adds Maven flags (default -o).
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/azevents-api-check.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
failures=0

# The release every case is compared with: this tree's azevents-core, as version 1.0.0.
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -1)
base="$scratch/base"
mkdir -p "$base"
(cd "$root" && tar --exclude=./.git --exclude='*/target' --exclude=./target -cf - .) | (cd "$base" && tar -xf -)
(cd "$base" && ./mvnw -B -ntp ${MVN_FLAGS--o} -q package -pl azevents-core -Dmaven.test.skip=true \
    -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -Djapicmp.skip=true > "$base/build.log" 2>&1) \
    || { echo "could not build the baseline; log in $base/build.log"; trap - EXIT; exit 1; }
cp "$base/azevents-core/target/azevents-core-$version.jar" "$scratch/azevents-core-1.0.0.jar"

# run_case NAME EXPECT(pass|fail) CHANGE-COMMAND
run_case() {
    name=$1 expect=$2 change=$3
    copy="$scratch/$(echo "$name" | tr -c 'a-z0-9\n' '-')"
    mkdir -p "$copy"
    (cd "$root" && tar --exclude=./.git --exclude='*/target' --exclude=./target -cf - .) | (cd "$copy" && tar -xf -)
    (cd "$copy" && find . -name pom.xml -exec perl -pi -e "s{<version>$version</version>}{<version>1.1.0-SNAPSHOT</version>}" {} +)
    (cd "$copy" && sh -c "$change")
    if (cd "$copy" && ./mvnw -B -ntp ${MVN_FLAGS--o} -q verify -pl azevents-core \
            -Dmaven.test.skip=true -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
            -Dazevents.api.baseline="$scratch/azevents-core-1.0.0.jar" $mode \
            > "$copy/build.log" 2>&1); then
        got=pass
    else
        got=fail
    fi
    if [ "$got" = "$expect" ]; then
        echo "ok   $name: $got"
    else
        echo "FAIL $name: expected $expect, got $got"
        failures=$((failures + 1))
    fi
    # The check's own words, so that a failure is seen to come from japicmp and not from javac.
    grep -h -E 'Incompatibility detected|indicate a|ERROR.*japicmp|COMPILATION ERROR' "$copy/build.log" \
        | sed 's/^/       /' | head -4 || true
}

agent=azevents-core/src/main/java/io/azevents/core/AzEventsAgent.java
provider=azevents-core/src/main/java/io/azevents/core/spi/NodeDrainStrategyProvider.java
remove_with_clock="perl -0pi -e 's{\\n    public AzEventsAgent withClock\\(Clock newClock\\) \\{\\n.*?\\n    \\}\\n}{\\n}s' $agent && ! grep -q 'public AzEventsAgent withClock' $agent"

# After a release: semantic versioning judges every change (the flags a release sets in the POM).
mode="-Dazevents.api.semver=true -Dazevents.api.freeze=false"
run_case "unchanged" pass "true"
run_case "method added" pass \
    "perl -0pi -e 's#\\}\\s*\\z#    /** Added by the API check test. */\\n    public int addedForTheTest() {\\n        return 0;\\n    }\\n}\\n#' $agent && grep -q addedForTheTest $agent"
run_case "core method removed" fail "$remove_with_clock"
run_case "spi default method made abstract" fail \
    "perl -0pi -e 's{default List<ParameterSpec> parameters\\(\\) \\{\\n        return List.of\\(\\);\\n    \\}}{List<ParameterSpec> parameters();}' $provider && grep -q 'List<ParameterSpec> parameters();' $provider"
run_case "abstract method added to an spi interface" fail \
    "perl -0pi -e 's{(\n    NodeDrainStrategy create\\(AgentConfig config\\);)}{\n    /** Added by the API check test. */\n    int addedForTheTest();\n\$1}' $provider && grep -q 'int addedForTheTest();' $provider"
run_case "core method removed in a major version" pass \
    "$remove_with_clock && find . -name pom.xml -exec perl -pi -e 's{<version>1\\.1\\.0-SNAPSHOT</version>}{<version>2.0.0-SNAPSHOT</version>}' {} +"
# Varargs keep the callers compiling, but the method's descriptor changes: binary-incompatible.
run_case "internal method signature changed" pass \
    "perl -pi -e 's{execute\\(Decision decision, ClusterView view\\)}{execute(Decision decision, ClusterView view, String... unused)}' azevents-core/src/main/java/io/azevents/core/internal/PlanExecutor.java && grep -q 'String... unused' azevents-core/src/main/java/io/azevents/core/internal/PlanExecutor.java"

# Before the first release (the POM as committed): the 1.0 candidate is frozen, so a
# binary-incompatible change fails whatever the version says, and an addition passes.
mode=""
run_case "frozen: method added" pass \
    "perl -0pi -e 's#\\}\\s*\\z#    /** Added by the API check test. */\\n    public int addedForTheTest() {\\n        return 0;\\n    }\\n}\\n#' $agent && grep -q addedForTheTest $agent"
run_case "frozen: core method removed, even in a major version" fail \
    "$remove_with_clock && find . -name pom.xml -exec perl -pi -e 's{<version>1\\.1\\.0-SNAPSHOT</version>}{<version>2.0.0-SNAPSHOT</version>}' {} +"
run_case "frozen: abstract method added to an spi interface" fail \
    "perl -0pi -e 's{(\n    NodeDrainStrategy create\\(AgentConfig config\\);)}{\n    /** Added by the API check test. */\n    int addedForTheTest();\n\$1}' $provider && grep -q 'int addedForTheTest();' $provider"

if [ "$failures" -ne 0 ]; then
    echo "$failures case(s) did not end as expected; logs were in $scratch"
    exit 1
fi
echo "the API check fails on breaking changes to io.azevents.core and io.azevents.core.spi, and only then"
