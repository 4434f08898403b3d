#!/bin/sh
# Lays out, under OUT, every file the packages install, with its final path and mode: the .deb
# (jdeb, azevents-cli/pom.xml) and the .rpm (packaging/rpm/build-rpm.sh) both take their files
# from this one tree, so the two packages cannot drift apart. It also makes what is generated:
#   - the man pages of the two OCF agents, from their own meta-data (packaging/man/ocf-agent.xsl,
#     run by the JDK's XSLT processor: the build needs nothing but a JDK);
#   - the copyright file and the changelog, with version, date and maintainer filled in;
#   (the azevents command's own man pages, azevents(1) and one per command, and its bash completion
#   are made by the build from the commands' picocli annotations: MAN_DIR and COMPLETION);
#   - OUT/../pkg-version, the package version (the project version as jdeb turns it into a
#     Debian version: 0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT).
# Maven runs it in the package phase (azevents-cli/pom.xml, after the jar and the CDS class list).
#
# usage: stage.sh JAVA JAR CLASSLIST PROJECT_VERSION "MAINTAINER <MAIL>" URL OUT MAN_DIR COMPLETION
set -eu
java=$1 jar=$2 classlist=$3 project_version=$4 maintainer=$5 url=$6 out=$7 man_dir=$8 completion=$9
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
fail() { echo "stage.sh: $*" >&2; exit 1; }
[ -r "$jar" ] || fail "no jar at $jar"
[ -r "$classlist" ] || fail "no class list at $classlist"
[ -r "$man_dir/azevents.1" ] || fail "no generated man page azevents.1 in $man_dir"
[ -s "$completion" ] || fail "no bash completion script at $completion"

# The Debian version, exactly as jdeb makes [[version]] (Utils.convertToDebianVersion): a -SNAPSHOT
# suffix becomes ~SNAPSHOT, an alpha/beta/rc suffix sorts before the release (~rc1), any other '-'
# becomes '+'. The .rpm uses the same string as its Version (rpm >= 4.10 sorts '~' first too).
version=$(printf '%s\n' "$project_version" | sed -E 's/[-+]SNAPSHOT$/~SNAPSHOT/; s/[._-]?(alpha|beta|rc)/~\1/I; s/-/+/g')
case $version in
    [0-9]*) ;;
    *) fail "cannot make a package version of '$project_version'" ;;
esac

# One date for every generated file: the date of the changelog's newest entry.
changelog_date=$(sed -n 's/^ -- .*  \([A-Z][a-z][a-z], .*\)$/\1/p' "$here/doc/changelog" | head -n 1)
[ -n "$changelog_date" ] || fail "packaging/doc/changelog has no trailer line ( -- NAME <MAIL>  DATE)"
epoch=$(date -u -d "$changelog_date" +%s) || fail "bad date in packaging/doc/changelog: $changelog_date"
day=$(date -u -d "@$epoch" +%Y-%m-%d)

# @VERSION@, @DATE@, @MAINTAINER@ and @URL@ in a template; the values hold no '|' or '\'.
fill() {
    sed -e "s|@VERSION@|$version|g" -e "s|@DATE@|$day|g" -e "s|@MAINTAINER@|$maintainer|g" \
        -e "s|@URL@|$url|g" "$1"
}
gz() { # gzip -9n: no name, no time stamp, so the same input gives the same bytes (lintian checks)
    gzip -9n -c "$1" > "$2"
    touch -d "@$epoch" "$2"
}

rm -rf "$out"
share=$out/usr/share
doc=$share/doc/azevents
mkdir -p "$share/azevents" "$out/usr/lib/ocf/resource.d/azevents" "$out/usr/bin" "$doc" \
    "$share/man/man1" "$share/man/man7" "$share/licenses/azevents" "$share/lintian/overrides" \
    "$share/bash-completion/completions" "$out/var/cache/azevents"

install -m 0644 "$jar" "$share/azevents/azevents.jar"
install -m 0644 "$classlist" "$share/azevents/azevents.classlist"
# The class-data-sharing archive is made on the machine, for its JDK (postinst / %post).
ln -s /var/cache/azevents/azevents.jsa "$share/azevents/azevents.jsa"
# Strategy plugin jars, dropped in by the administrator (admin guide, "Strategy plugins"): empty.
mkdir -p "$share/azevents/plugins"
for agent in azure-events-az azure-events; do
    install -m 0755 "$root/packaging/ocf/$agent" "$out/usr/lib/ocf/resource.d/azevents/$agent"
done
install -m 0755 "$root/packaging/bin/azevents" "$out/usr/bin/azevents"
# The Pacemaker alert agent (admin guide, "Notifications"): run by the cluster, as hacluster.
mkdir -p "$share/azevents/alerts"
install -m 0755 "$root/packaging/alerts/azevents-alert" "$share/azevents/alerts/azevents-alert"
# bash sources a completion script, never runs it: without picocli's #! line (lintian).
sed '1{/^#!/d}' "$completion" > "$share/bash-completion/completions/azevents"
chmod 0644 "$share/bash-completion/completions/azevents"

# Documentation. copyright is Debian's machine-readable format (DEP-5); the .rpm ships it too,
# with LICENSE and NOTICE under /usr/share/licenses, where SUSE and Red Hat keep licences.
tmp=$out/.tmp
mkdir -p "$tmp"
fill "$here/doc/copyright" > "$doc/copyright"
fill "$here/doc/changelog" > "$tmp/changelog"
gz "$tmp/changelog" "$doc/changelog.gz"
install -m 0644 "$root/NOTICE" "$doc/NOTICE"
install -m 0644 "$root/docs/admin-guide.md" "$doc/admin-guide.md"
install -m 0644 "$root/docs/fault-matrix.md" "$doc/fault-matrix.md"
install -m 0644 "$root/LICENSE" "$share/licenses/azevents/LICENSE"
install -m 0644 "$root/NOTICE" "$share/licenses/azevents/NOTICE"
install -m 0644 "$here/deb/lintian-overrides" "$share/lintian/overrides/azevents"

# Man pages: azevents(1) and azevents-COMMAND(1) as the build made them; the agents' pages from
# what the agents say about themselves.
# Asciidoctor leaves their date empty (reproducible): it becomes the changelog's, as elsewhere.
for page in "$man_dir"/*.1; do
    name=$(basename "$page")
    sed '1,/^\.TH / s/^\(\.TH "[^"]*" "1"\) ""/\1 "'"$day"'"/' "$page" > "$tmp/$name"
    grep -q "^\.TH \"[^\"]*\" \"1\" \"$day\"" "$tmp/$name" || fail "$name has no .TH line to date"
    gz "$tmp/$name" "$share/man/man1/$name.gz"
done
for agent in azure-events-az azure-events; do
    "$java" -Xshare:auto -XX:TieredStopAtLevel=1 -jar "$jar" ocf "$agent" meta-data > "$tmp/$agent.xml" \
        || fail "$agent meta-data failed"
    grep -q "<resource-agent name=\"$agent\"" "$tmp/$agent.xml" || fail "$agent meta-data is not an agent's"
done
"$java" "$here/man/Xslt.java" "$here/man/ocf-agent.xsl" \
    -p provider=azevents -p "version=$version" -p "date=$day" -p "author=$maintainer" \
    "$tmp/azure-events-az.xml" "$tmp/ocf_azevents_azure-events-az.7" \
    "$tmp/azure-events.xml" "$tmp/ocf_azevents_azure-events.7" || fail "the agents' man pages could not be made"
for agent in azure-events-az azure-events; do
    grep -q '^\.SH SUPPORTED PARAMETERS' "$tmp/ocf_azevents_$agent.7" || fail "ocf_azevents_$agent.7 is incomplete"
    gz "$tmp/ocf_azevents_$agent.7" "$share/man/man7/ocf_azevents_$agent.7.gz"
done

# The .rpm's %changelog, from the same changelog (rpm wants its own format).
awk -v version="$version" '
    /^[a-z0-9][a-z0-9.+-]* \(/ { v = $2; gsub(/[()]/, "", v); n = 0; next }
    /^  \* / { sub(/^  \* /, ""); item[++n] = $0; next }
    /^    / && n { sub(/^ +/, ""); item[n] = item[n] " " $0; next }
    /^ -- / {
        who = $0; sub(/^ -- /, "", who); sub(/>  .*/, ">", who)
        when = $0; sub(/.*>  /, "", when)
        cmd = "date -u -d \"" when "\" \"+%a %b %d %Y\""; cmd | getline d; close(cmd)
        printf "* %s %s - %s-1\n", d, who, v
        for (i = 1; i <= n; i++) printf "- %s\n", item[i]
        printf "\n"
    }' "$tmp/changelog" | sed 's/%/%%/g' > "$out/../rpm-changelog"
[ -s "$out/../rpm-changelog" ] || fail "could not turn the changelog into an RPM %changelog"

rm -rf "$tmp"
# Modes as installed, whatever the umask of the build.
find "$out" -type d -exec chmod 0755 {} +
printf '%s\n' "$version" > "$out/../pkg-version"
echo "stage.sh: package tree for azevents $version in $out"
