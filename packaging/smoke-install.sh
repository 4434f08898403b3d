#!/bin/sh
# Installs the built azevents .deb with dpkg -i (as root, on Debian 12 with a Java 17+ runtime and
# pacemaker-cli-utils present), proves Pacemaker finds and reads both agents, runs the installed
# agent's meta-data as nobody (as ocf-tester does), then purges the package and checks nothing is
# left behind. CI runs it after the build; it changes the machine only while it runs.
#
# usage: packaging/smoke-install.sh [path/to/azevents_VERSION_all.deb]
set -eu
cd "$(dirname "$0")/.."
deb=${1:-$(ls azevents-cli/target/azevents_*_all.deb 2>/dev/null | head -n 1)}
[ -n "$deb" ] && [ -f "$deb" ] || { echo "smoke-install: no .deb (build with ./mvnw package first)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "smoke-install: run as root" >&2; exit 2; }
if dpkg-query -W -f='${Status}' azevents 2>/dev/null | grep -q "install ok installed"; then
    echo "smoke-install: azevents is already installed here; not touching it" >&2
    exit 2
fi
dtd=/usr/share/resource-agents/ra-api-1.dtd
fail() { echo "smoke-install: FAILED: $*" >&2; exit 1; }
trap 'dpkg --purge azevents >/dev/null 2>&1 || true' EXIT

echo "smoke-install: dpkg -i $deb"
dpkg -i "$deb"
[ -s /var/cache/azevents/azevents.jsa ] || fail "postinst made no class-data-sharing archive"
echo "smoke-install: CDS archive $(ls -l /var/cache/azevents/azevents.jsa)"

for agent in azure-events-az azure-events; do
    out=$(crm_resource --show-metadata "ocf:azevents:$agent") || fail "crm_resource --show-metadata ocf:azevents:$agent"
    printf '%s\n' "$out" | grep -q "<resource-agent name=\"$agent\"" || fail "unexpected meta-data for $agent"
    if [ -r "$dtd" ] && command -v xmllint >/dev/null; then
        printf '%s\n' "$out" | xmllint --noout --dtdvalid "$dtd" - 2>/dev/null || fail "$agent meta-data is not valid"
    fi
    su nobody -s /bin/sh -c "/usr/lib/ocf/resource.d/azevents/$agent meta-data" > /dev/null \
        || fail "$agent meta-data as nobody"
    echo "smoke-install: ocf:azevents:$agent meta-data OK"
done
crm_resource --list-agents ocf:azevents | grep -qx azure-events-az || fail "crm_resource --list-agents ocf:azevents"
azevents --help | grep -q "ocf AGENT ACTION" || fail "azevents --help"
for page in azevents.1 azevents-status.1 ocf_azevents_azure-events-az.7 ocf_azevents_azure-events.7; do
    [ -s "/usr/share/man/man${page##*.}/$page.gz" ] || fail "man page $page is not installed"
done
[ -s /usr/share/doc/azevents/copyright ] || fail "no /usr/share/doc/azevents/copyright"

# The plugin directory: owned by the package, empty; a broken jar in it is named by
# azevents strategies (exit 1) and breaks neither the built-in strategies nor the agents' meta-data.
plugins=/usr/share/azevents/plugins
[ -d "$plugins" ] || fail "no plugin directory $plugins"
[ "$(dpkg -S "$plugins" 2>/dev/null)" = "azevents: $plugins" ] || fail "$plugins is not the package's"
out=$(azevents strategies) || fail "azevents strategies with an empty plugin directory"
printf '%s\n' "$out" | grep -q '^  az-health  built-in' || fail "azevents strategies does not list az-health"
printf 'not a jar\n' > "$plugins/smoke-broken.jar"
s=0; out=$(azevents strategies) || s=$?
rm -f "$plugins/smoke-broken.jar"
[ "$s" -eq 1 ] && printf '%s\n' "$out" | grep -q "$plugins/smoke-broken.jar: not a jar" \
    || fail "azevents strategies did not name the broken plugin (exit $s)"
printf 'not a jar\n' > "$plugins/smoke-broken.jar"
/usr/lib/ocf/resource.d/azevents/azure-events-az meta-data > /dev/null || { rm -f "$plugins/smoke-broken.jar"; fail "meta-data with a broken plugin"; }
rm -f "$plugins/smoke-broken.jar"
echo "smoke-install: plugin directory $plugins OK (a broken jar is named, the built-ins stay)"

dpkg --purge azevents
trap - EXIT
for p in /usr/share/azevents /var/cache/azevents /usr/lib/ocf/resource.d/azevents /usr/bin/azevents \
    /usr/share/doc/azevents /usr/share/man/man1/azevents.1.gz /usr/share/bash-completion/completions/azevents /usr/share/man/man7/ocf_azevents_azure-events-az.7.gz; do
    [ ! -e "$p" ] || fail "$p is left after purge"
done
echo "smoke-install: passed (installed, both agents answered crm_resource, purged cleanly)"
