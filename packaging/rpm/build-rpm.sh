#!/bin/sh
# Builds target/azevents-<version>-1.noarch.rpm with rpmbuild from the tree packaging/stage.sh laid
# out (TARGET/pkgroot, TARGET/pkg-version, TARGET/rpm-changelog), under TARGET/rpmbuild. Maven runs it
# in the package phase, after stage.sh (azevents-cli/pom.xml).
#
# rpmbuild comes with Debian's package rpm. Without it the build says so and makes no .rpm, so that
# a developer with only a JDK can still build and run azevents; with CI=true a missing rpmbuild
# fails the build, as every missing tool does in CI.
#
# usage: build-rpm.sh TARGET "MAINTAINER <MAIL>" URL
set -eu
target=$1 maintainer=$2 url=$3
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "build-rpm.sh: $*" >&2; exit 1; }

if ! command -v rpmbuild > /dev/null 2>&1; then
    if [ "${CI:-}" = true ]; then
        fail "rpmbuild is missing (apt-get install rpm); CI must build the .rpm"
    fi
    echo "build-rpm.sh: rpmbuild not found (Debian/Ubuntu: apt-get install rpm); no .rpm this time" >&2
    exit 0
fi
target=$(cd "$target" && pwd)
stage=$target/pkgroot
[ -d "$stage" ] && [ -s "$target/pkg-version" ] && [ -s "$target/rpm-changelog" ] \
    || fail "no package tree in $target (packaging/stage.sh runs first)"
version=$(cat "$target/pkg-version")
top=$target/rpmbuild
rm -rf "$top" "$target"/azevents-*.noarch.rpm
mkdir -p "$top/SPECS" "$top/BUILD" "$top/BUILDROOT" "$top/RPMS" "$top/SRPMS" "$top/tmp"

# The archive-making lines of the .deb's postinst, verbatim but for their indentation.
postinst=$here/../deb/control/postinst
sed -n '/# >>> cds-archive/,/# <<< cds-archive/p' "$postinst" | sed '1d;$d' | sed 's/^        //' > "$top/cds-archive.sh"
grep -q -- '-Xshare:dump' "$top/cds-archive.sh" || fail "no cds-archive block in $postinst"

awk -v block="$top/cds-archive.sh" -v changelog="$target/rpm-changelog" '
    $0 == "@CDS_ARCHIVE@" { while ((getline line < block) > 0) print line; close(block); next }
    $0 == "@CHANGELOG@" { while ((getline line < changelog) > 0) print line; close(changelog); next }
    { print }' "$here/azevents.spec.in" > "$top/SPECS/azevents.spec"

# The date of the changelog's newest entry, for reproducible time stamps.
epoch=$(date -u -d "$(sed -n '1s/^\* \([A-Z][a-z][a-z] [A-Z][a-z][a-z] [0-9]* [0-9]*\) .*/\1/p' "$target/rpm-changelog")" +%s) \
    || fail "cannot read the date of $target/rpm-changelog"

# --dbpath: rpmbuild reads no database, but Debian's rpm would otherwise look for one under ~.
SOURCE_DATE_EPOCH=$epoch rpmbuild -bb --quiet \
    --dbpath "$top/db" \
    --define "_topdir $top" \
    --define "_tmppath $top/tmp" \
    --define "az_version $version" \
    --define "az_stage $stage" \
    --define "az_maintainer $maintainer" \
    --define "az_url $url" \
    "$top/SPECS/azevents.spec" > "$top/rpmbuild.log" 2>&1 || { cat "$top/rpmbuild.log" >&2; fail "rpmbuild failed"; }

rpm=$(ls "$top"/RPMS/noarch/azevents-*.noarch.rpm 2> /dev/null | head -n 1)
[ -n "$rpm" ] || { cat "$top/rpmbuild.log" >&2; fail "rpmbuild made no .rpm"; }
cp "$rpm" "$target/"
echo "build-rpm.sh: $target/$(basename "$rpm")"
