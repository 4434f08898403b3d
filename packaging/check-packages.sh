#!/bin/sh
# Checks the two packages the build made, as a distribution would, without installing either on
# this machine:
#   the .deb  lintian reports no error (its tags are printed); docs, copyright, changelog and man
#             pages are in it with their modes; the man pages render without a groff warning.
#   the .rpm  rpm -qp --info, --requires, --recommends, --provides, -l, --scripts, --filetriggers:
#             licence, dependencies, the same files as the .deb, the scriptlets; its Java
#             dependency resolved by rpm and by libsolv (dnf's and zypper's solver) against
#             stand-ins for Red Hat's and SUSE's JDK packages (and refused with only a Java 8);
#             then installed by rpm into a scratch root, in a
#             private mount namespace (unshare) whose /usr and /etc are overlays of this machine's,
#             so that rpm runs the real scriptlets and file triggers there with the real java:
#             install, reinstall, a JDK installed and removed, no java at all, erase.
# Needs root (for the namespace), lintian, rpm (rpmbuild), cpio, libsolv-tools, dpkg-deb and man;
# CI installs them.
# Prints one line per check and a summary "packages: N passed, M failed"; exits 1 on a failure.
#
# usage: packaging/check-packages.sh [DEB [RPM]]   (default: the ones in azevents-cli/target)
set -u
cd "$(dirname "$0")/.."
here=$(pwd)

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "check-packages: ok    $*"; }
bad() { failed=$((failed + 1)); echo "check-packages: FAIL  $*"; }
# check DESCRIPTION COMMAND...: one check, passed when the command succeeds
check() { _what=$1; shift; if "$@"; then ok "$_what"; else bad "$_what"; fi; }
not() { ! "$@"; }
has() { printf '%s\n' "$1" | grep -q -- "$2"; }       # has TEXT REGEX
has_line() { printf '%s\n' "$1" | grep -qxF -- "$2"; } # has_line TEXT LINE
# rpm, its output on stdout and its exit status kept; without the warning of Debian's rpm that it
# is not Debian's package manager, which is known.
quiet_rpm() {
    _out=$(mktemp "${TMPDIR:-/tmp}/azevents-rpm.XXXXXX")
    rpm "$@" > "$_out" 2>&1
    _rc=$?
    grep -v '^rpm: \(RPM should not be used\|However assuming\)' "$_out"
    rm -f "$_out"
    return $_rc
}

# The scratch-root install, run inside "unshare --mount --propagation private" (see the end): every
# mount below belongs to that namespace only and goes away with it. The root's /usr and /etc are
# overlays of this machine's (its java, its shell), writes landing in WORK; rpm installs there with
# --root and runs the package's scriptlets chrooted in it, exactly as on a real system.
scratch() { # scratch WORK RPM FAKE_JDK_RPM
    w=$1 pkg=$2 jdk=$3 r=$1/root
    mkdir -p "$r/usr" "$r/etc" "$r/proc" "$r/sys" "$r/dev" "$r/tmp" "$r/run" "$r/var/tmp" \
        "$w/usr.upper" "$w/usr.work" "$w/etc.upper" "$w/etc.work" || return 1
    chmod 1777 "$r/tmp" "$r/var/tmp"
    for d in bin sbin lib lib64; do [ -L "/$d" ] && ln -s "$(readlink "/$d")" "$r/$d"; done
    mount -t overlay overlay -o "lowerdir=/usr,upperdir=$w/usr.upper,workdir=$w/usr.work" "$r/usr" &&
    mount -t overlay overlay -o "lowerdir=/etc,upperdir=$w/etc.upper,workdir=$w/etc.work" "$r/etc" &&
    mount --rbind /dev "$r/dev" && mount --rbind /proc "$r/proc" && mount --rbind /sys "$r/sys" \
        || { echo "check-packages: cannot mount the scratch root (overlayfs, bind mounts)"; return 1; }
    R="--root $r --dbpath /var/lib/rpm"
    rpm $R --initdb
    jsa=$r/var/cache/azevents/azevents.jsa
    gone() { for p in "$@"; do [ ! -e "$r$p" ] && [ ! -L "$r$p" ] || { echo "  still there: $p"; return 1; }; done; }

    out=$(quiet_rpm $R -i --nodeps "$pkg") ; s=$?
    [ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/  rpm -i: /'
    check "scratch root: rpm -i ran %post, which made the CDS archive with this machine's java" \
        sh -c '[ "$1" -eq 0 ] && [ -s "$2" ] && [ ! -e "$3" ]' - "$s" "$jsa" "$r/var/cache/azevents/dump.log"
    owner=$(quiet_rpm $R -qf /var/cache/azevents/azevents.jsa)
    verify=$(quiet_rpm $R -V --nodeps azevents)
    [ -z "$verify" ] || printf '%s\n' "$verify" | sed 's/^/  rpm -V: /'
    check "scratch root: rpm owns the archive (rpm -qf: $owner) and rpm -V finds nothing changed" \
        sh -c 'case $1 in azevents-*) [ -z "$2" ] ;; *) false ;; esac' - "$owner" "$verify"
    out=$(chroot "$r" /usr/bin/java -Xshare:on -XX:SharedArchiveFile=/usr/share/azevents/azevents.jsa -Xlog:disable \
        -jar /usr/share/azevents/azevents.jar --help 2>&1)
    check "scratch root: the archive maps (java -Xshare:on) and azevents --help runs" has "$out" 'ocf AGENT ACTION'
    out=$(chroot "$r" /usr/bin/azevents --help 2>&1 && chroot "$r" /usr/lib/ocf/resource.d/azevents/azure-events-az meta-data 2>&1)
    check "scratch root: the installed azevents command and azure-events-az agent answer" \
        has "$out" '<resource-agent name="azure-events-az"'

    out=$(quiet_rpm $R -U --replacepkgs --nodeps "$pkg"); s=$?
    check "scratch root: reinstall/upgrade keeps the archive (old %preun/%postun run with \$1 = 1)" \
        sh -c '[ "$1" -eq 0 ] && [ -s "$2" ]' - "$s" "$jsa"

    rm -f "$jsa"
    out=$(quiet_rpm $R -i --nodeps "$jdk"); s=$?
    check "scratch root: installing a JDK (files in /usr/lib/jvm) fires %transfiletriggerin, which remakes the archive" \
        sh -c '[ "$1" -eq 0 ] && [ -s "$2" ]' - "$s" "$jsa"
    rm -f "$jsa"
    # --nodeps: azevents needs a JDK, and this is the only one in the scratch database.
    out=$(quiet_rpm $R -e --nodeps java-17-openjdk-headless); s=$?
    check "scratch root: removing that JDK fires %transfiletriggerpostun, which remakes the archive" \
        sh -c '[ "$1" -eq 0 ] && [ -s "$2" ]' - "$s" "$jsa"

    # No java at all (its links removed, in the overlays only): nothing optional fails.
    rm -f "$r/etc/alternatives/java" "$r/usr/bin/java"
    if chroot "$r" sh -c 'command -v java' > /dev/null 2>&1; then
        bad "scratch root: could not take java away to test %post without it"
    else
        out=$(quiet_rpm $R -U --replacepkgs --nodeps "$pkg"); s=$?
        [ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/  rpm -U without java: /'
        check "scratch root: without java, %post explains and the transaction still succeeds" \
            sh -c '[ "$1" -eq 0 ] && [ ! -e "$2" ] && printf "%s\n" "$3" | grep -q "no class-data-sharing archive"' - "$s" "$jsa" "$out"
    fi

    out=$(quiet_rpm $R -e azevents); s=$?
    [ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/  rpm -e: /'
    check "scratch root: rpm -e removes every file, the archive's leftovers and /var/cache/azevents" \
        sh -c '[ "$1" -eq 0 ] && [ -z "$2" ]' - "$s" "$(gone /usr/share/azevents /var/cache/azevents /usr/bin/azevents \
            /usr/lib/ocf/resource.d/azevents /usr/share/doc/azevents /usr/share/licenses/azevents \
            /usr/share/man/man1/azevents.1.gz /usr/share/man/man1/azevents-status.1.gz \
            /usr/share/bash-completion/completions/azevents /usr/share/man/man7/ocf_azevents_azure-events-az.7.gz 2>&1 || echo left)"
}
if [ "${1:-}" = --scratch-root ]; then
    TMPDIR=$2.tmp; mkdir -p "$TMPDIR"
    scratch "$2" "$3" "$4"
    exit 0
fi

deb=${1:-$(ls azevents-cli/target/azevents_*_all.deb 2> /dev/null | head -n 1)}
rpmfile=${2:-$(ls azevents-cli/target/azevents-*.noarch.rpm 2> /dev/null | head -n 1)}
[ -n "$deb" ] && [ -f "$deb" ] || { echo "check-packages: no .deb (build with ./mvnw package first)" >&2; exit 2; }
[ -n "$rpmfile" ] && [ -f "$rpmfile" ] || { echo "check-packages: no .rpm (build with ./mvnw package, with rpmbuild installed)" >&2; exit 2; }
for tool in lintian rpm rpmbuild dpkg-deb man; do
    command -v "$tool" > /dev/null 2>&1 || { echo "check-packages: $tool is missing (apt-get install lintian rpm man-db)" >&2; exit 2; }
done
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
rpmfile=$(cd "$(dirname "$rpmfile")" && pwd)/$(basename "$rpmfile")
tmp=$(mktemp -d /tmp/azevents-check.XXXXXX)
cleanup() {
    # Every mount of the scratch root lived in the namespace and went with it; never delete a tree
    # that still has one (a bind of /dev or /proc) in it.
    if grep -q " $tmp" /proc/self/mounts 2> /dev/null; then
        echo "check-packages: $tmp is still mounted; left in place" >&2
    else
        rm -rf "$tmp"
    fi
}
trap cleanup EXIT
echo "check-packages: $deb"
echo "check-packages: $rpmfile"

# ---- the .deb ---------------------------------------------------------------------------------
# lintian takes the longest: it runs beside the other checks and reports at the end.
lintian --tag-display-limit 0 "$deb" > "$tmp/lintian.out" 2>&1 &
lintian_pid=$!

contents=$(dpkg-deb --contents "$deb")
deb_has() { printf '%s\n' "$contents" | grep -Eq -- "^$1 root/root +[0-9]+ .* \\./$2( ->.*)?\$"; }
missing=
for f in usr/share/doc/azevents/copyright usr/share/doc/azevents/changelog.gz usr/share/doc/azevents/NOTICE \
    usr/share/doc/azevents/admin-guide.md usr/share/doc/azevents/fault-matrix.md \
    usr/share/man/man1/azevents.1.gz usr/share/man/man1/azevents-status.1.gz usr/share/man/man1/azevents-explain.1.gz \
    usr/share/man/man1/azevents-check.1.gz usr/share/man/man1/azevents-migrate.1.gz usr/share/man/man1/azevents-demo.1.gz \
    usr/share/man/man1/azevents-simulator.1.gz usr/share/man/man1/azevents-ocf.1.gz usr/share/man/man1/azevents-strategies.1.gz \
    usr/share/bash-completion/completions/azevents usr/share/man/man7/ocf_azevents_azure-events-az.7.gz \
    usr/share/man/man7/ocf_azevents_azure-events.7.gz usr/share/lintian/overrides/azevents \
    usr/share/azevents/azevents.jar usr/share/azevents/azevents.classlist; do
    deb_has '-rw-r--r--' "$f" || missing="$missing $f"
done
for f in usr/bin/azevents usr/lib/ocf/resource.d/azevents/azure-events-az usr/lib/ocf/resource.d/azevents/azure-events \
    usr/share/azevents/alerts/azevents-alert; do
    deb_has '-rwxr-xr-x' "$f" || missing="$missing $f"
done
deb_has 'drwxr-xr-x' usr/share/azevents/plugins/ || missing="$missing usr/share/azevents/plugins/"
check "the .deb has docs, copyright, changelog, man pages, programs and the plugin directory, root-owned, 0644/0755${missing:+ (missing or wrong:$missing)}" [ -z "$missing" ]

mkdir -p "$tmp/deb"
dpkg-deb -x "$deb" "$tmp/deb"
check "copyright is DEP-5 and names the licence Apache-2.0" \
    sh -c "head -n 1 '$tmp/deb/usr/share/doc/azevents/copyright' | grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' \
        && grep -q '^License: Apache-2.0\$' '$tmp/deb/usr/share/doc/azevents/copyright'"
deb_version=$(dpkg-deb --field "$deb" Version)
changelog_version=$(gzip -dc "$tmp/deb/usr/share/doc/azevents/changelog.gz" | sed -n '1s/^azevents (\([^)]*\)).*/\1/p')
check "changelog.gz's newest entry is this version ($changelog_version = $deb_version)" [ "$changelog_version" = "$deb_version" ]
man_warnings=
for page in "$tmp"/deb/usr/share/man/man*/*.gz; do
    w=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 > /dev/null)
    [ -z "$w" ] || man_warnings="$man_warnings $(basename "$page"): $w"
done
check "the man pages render without groff warnings${man_warnings:+:$man_warnings}" [ -z "$man_warnings" ]

# ---- the .rpm: its header ---------------------------------------------------------------------
info=$(quiet_rpm -qp --info "$rpmfile")
printf '%s\n' "$info" | sed -n '1,/^Description/p' | sed 's/^/  rpm --info: /'
check "rpm: Name azevents, noarch, License: Apache-2.0" \
    sh -c 'printf "%s\n" "$1" | grep -q "^Name *: azevents$" && printf "%s\n" "$1" | grep -q "^Architecture: noarch$" \
        && printf "%s\n" "$1" | grep -q "^License *: Apache-2.0$"' - "$info"
maintainer=$(dpkg-deb --field "$deb" Maintainer)
packager=$(quiet_rpm -qp --qf '%{PACKAGER}' "$rpmfile")
check "one maintainer: the .rpm's Packager is the .deb's Maintainer ($maintainer)" [ "$packager" = "$maintainer" ]
rpm_version=$(quiet_rpm -qp --qf '%{VERSION}' "$rpmfile")
check "one version: the .rpm's Version is the .deb's ($rpm_version)" [ "$rpm_version" = "$deb_version" ]

requires=$(quiet_rpm -qp --requires "$rpmfile")
printf '%s\n' "$requires" | sort -u | sed 's/^/  rpm --requires: /'
java_dep='(java-17-openjdk-headless or java-21-openjdk-headless or java-25-openjdk-headless or jre-17-headless or jre-21-headless or jre-25-headless)'
check "rpm Requires a Java 17+ headless runtime: $java_dep" has_line "$requires" "$java_dep"
check "rpm Requires /bin/sh (scriptlets) and /bin/bash (the OCF wrappers)" \
    sh -c 'printf "%s\n" "$1" | grep -qx /bin/sh && printf "%s\n" "$1" | grep -qx /bin/bash' - "$requires"
# rpm 4.14 (SLES 15, RHEL 8) must know every rpmlib feature the package needs.
rpmlib_ok='CompressedFileNames|FileDigests|PayloadFilesHavePrefix|RichDependencies|TildeInVersions|PayloadIsXz|PartialHardlinkSets|ScriptletInterpreterArgs|FileCaps|VersionedDependencies|PayloadIsBzip2|PayloadIsLzma|ScriptletExpansion|ExplicitPackageProvide|BuiltinLuaScripts|HeaderLoadSortsTags'
unknown=$(printf '%s\n' "$requires" | sed -n 's/^rpmlib(\([A-Za-z]*\)).*/\1/p' | grep -Evx "$rpmlib_ok" | tr '\n' ' ')
check "every rpmlib() feature it needs is in rpm 4.14${unknown:+ (not: $unknown)}" [ -z "$unknown" ]
recommends=$(quiet_rpm -qp --recommends "$rpmfile")
check "rpm Recommends pacemaker-cli (the .deb's Recommends: pacemaker-cli-utils)" has_line "$recommends" "pacemaker-cli"
provides=$(quiet_rpm -qp --provides "$rpmfile")
check "rpm Provides azevents = $rpm_version-1" has_line "$provides" "azevents = $rpm_version-1"

# ---- the .rpm: its files ----------------------------------------------------------------------
files=$(quiet_rpm -qp --qf '[%{FILEMODES:perms} %{FILEUSERNAME}:%{FILEGROUPNAME} |%{FILEFLAGS:fflags}| %{FILENAMES}\n]' "$rpmfile")
missing=
for spec in \
    '-rw-r--r-- ||' /usr/share/azevents/azevents.jar \
    '-rw-r--r-- ||' /usr/share/azevents/azevents.classlist \
    'lrwxrwxrwx ||' /usr/share/azevents/azevents.jsa \
    '-rwxr-xr-x ||' /usr/bin/azevents \
    '-rwxr-xr-x ||' /usr/share/azevents/alerts/azevents-alert \
    '-rwxr-xr-x ||' /usr/lib/ocf/resource.d/azevents/azure-events-az \
    '-rwxr-xr-x ||' /usr/lib/ocf/resource.d/azevents/azure-events \
    'drwxr-xr-x ||' /usr/lib/ocf/resource.d/azevents \
    'drwxr-xr-x ||' /usr/share/azevents \
    'drwxr-xr-x ||' /usr/share/azevents/plugins \
    'drwxr-xr-x ||' /var/cache/azevents \
    '-rw-r--r-- |g|' /var/cache/azevents/azevents.jsa \
    '-rw-r--r-- |d|' /usr/share/doc/azevents/copyright \
    '-rw-r--r-- |d|' /usr/share/doc/azevents/changelog.gz \
    '-rw-r--r-- |d|' /usr/share/doc/azevents/NOTICE \
    '-rw-r--r-- |d|' /usr/share/doc/azevents/admin-guide.md \
    '-rw-r--r-- |d|' /usr/share/doc/azevents/fault-matrix.md \
    '-rw-r--r-- |l|' /usr/share/licenses/azevents/LICENSE \
    '-rw-r--r-- |l|' /usr/share/licenses/azevents/NOTICE \
    '-rw-r--r-- |d|' /usr/share/man/man1/azevents.1.gz \
    '-rw-r--r-- |d|' /usr/share/man/man1/azevents-status.1.gz \
    '-rw-r--r-- ||' /usr/share/bash-completion/completions/azevents \
    '-rw-r--r-- |d|' /usr/share/man/man7/ocf_azevents_azure-events-az.7.gz \
    '-rw-r--r-- |d|' /usr/share/man/man7/ocf_azevents_azure-events.7.gz; do
    if [ -z "${want:-}" ]; then want=$spec; continue; fi
    mode=${want% *} flags=${want#* }
    has_line "$files" "$mode root:root $flags $spec" || missing="$missing $spec"
    want=
done
check "rpm -l: every expected path, root-owned, with its mode (and doc, licence, ghost flags)${missing:+ (missing or wrong:$missing)}" [ -z "$missing" ]
# The same files as the .deb: all but the packaging system's own (lintian overrides; rpm licences).
printf '%s\n' "$contents" | awk '$1 !~ /^d/ { print $6 }' | sed 's|^\./|/|' | grep -v '^/usr/share/lintian/' | sort > "$tmp/deb.files"
printf '%s\n' "$files" | awk '$1 !~ /^d/ && $3 != "|g|" { print $4 }' | grep -v '^/usr/share/licenses/' | sort > "$tmp/rpm.files"
check "the .rpm installs the same files as the .deb" cmp -s "$tmp/deb.files" "$tmp/rpm.files"
cmp -s "$tmp/deb.files" "$tmp/rpm.files" || diff "$tmp/deb.files" "$tmp/rpm.files" | sed 's/^/  deb<>rpm: /'
check "the packaged jar, wrappers and docs are the .deb's, byte for byte" sh -c '
    mkdir -p "$1/rpm" && cd "$1/rpm" && rpm2cpio "$2" | cpio -idm --quiet 2> /dev/null || exit 1
    for f in $(cat "$1/deb.files"); do
        [ -L "$1/deb$f" ] && { [ "$(readlink "$1/deb$f")" = "$(readlink "$1/rpm$f")" ] || exit 1; continue; }
        cmp -s "$1/deb$f" "$1/rpm$f" || { echo "  differs: $f"; exit 1; }
    done' - "$tmp" "$rpmfile"

# ---- the .rpm: its scriptlets -----------------------------------------------------------------
scripts=$(quiet_rpm -qp --scripts "$rpmfile")
sed -n '/# >>> cds-archive/,/# <<< cds-archive/p' packaging/deb/control/postinst | sed '1d;$d' | sed 's/^        //' > "$tmp/deb-block"
printf '%s\n' "$scripts" | awk '/^postinstall scriptlet/ { on = 1; next } /scriptlet \(using/ { on = 0 } on' > "$tmp/post"
check "%post runs the .deb postinst's archive lines, verbatim" sh -c '
    n=$(wc -l < "$1"); grep -n -F -x -f "$1" "$2" | wc -l | grep -qx "$n" && grep -q -- -Xshare:dump "$2"' - "$tmp/deb-block" "$tmp/post"
check "%preun and %postun clean the archive only on erase (\$1 = 0)" sh -c '
    printf "%s\n" "$1" | awk "/^preuninstall scriptlet/,/^postuninstall scriptlet/" | grep -q "if \[ \"\\\$1\" -eq 0 \]" \
        && printf "%s\n" "$1" | awk "/^postuninstall scriptlet/,0" | grep -q "rm -f /var/cache/azevents/azevents.jsa"' - "$scripts"
triggers=$(quiet_rpm -qp --filetriggers "$rpmfile")
check "file triggers: %transfiletriggerin and %transfiletriggerpostun on /usr/lib/jvm and /usr/lib64/jvm remake the archive" sh -c '
    printf "%s\n" "$1" | grep -q "^transfiletriggerin scriptlet (using /bin/sh) -- /usr/lib/jvm, /usr/lib64/jvm$" \
        && printf "%s\n" "$1" | grep -q "^transfiletriggerpostun scriptlet (using /bin/sh) -- /usr/lib/jvm, /usr/lib64/jvm$" \
        && [ "$(printf "%s\n" "$1" | grep -c -- -Xshare:dump)" -eq 2 ]' - "$triggers"
check "every scriptlet is POSIX sh (dash -n) and ends with exit 0" sh -c '
    printf "%s\n" "$1" "$2" | awk -v dir="$3" "/scriptlet \\(using/ { f = dir \"/s\" ++n; next } { print > f }"
    for s in "$3"/s*; do dash -n "$s" && [ "$(grep -v "^\$" "$s" | tail -n 1)" = "exit 0" ] || { echo "  bad scriptlet: $s"; exit 1; }; done' \
    - "$scripts" "$triggers" "$(mkdir -p "$tmp/scriptlets" && echo "$tmp/scriptlets")"

# ---- the .rpm: its Java dependency, resolved by rpm ------------------------------------------
# Stand-ins with the names and capabilities the real packages have: Red Hat's OpenJDK packages
# carry epoch 1 (java-17-openjdk-headless provides jre-17-headless and jre-headless = 1:17),
# SUSE's none (java-21-openjdk-headless provides jre-21-headless and jre-headless = 21); Red Hat's
# Java 8 provides jre-headless = 1:1.8.0, which an unversioned ">= 17" would wrongly accept.
fake() { # fake NAME EPOCH VERSION "PROVIDES..." [FILE]
    mkdir -p "$tmp/fake/SPECS"
    {
        echo "Name: $1"
        [ "$2" = - ] || echo "Epoch: $2"
        echo "Version: $3"
        echo "Release: 1"
        echo "Summary: stand-in for $1, for packaging/check-packages.sh"
        echo "License: Apache-2.0"
        echo "BuildArch: noarch"
        for p in $4; do echo "Provides: $p"; done
        echo "%description"
        echo "A stand-in."
        echo "%install"
        [ -z "${5:-}" ] || echo "mkdir -p %{buildroot}$(dirname "$5") && echo fake > %{buildroot}$5"
        echo "%files"
        [ -z "${5:-}" ] || echo "$5"
    } > "$tmp/fake/SPECS/$1.spec"
    rpmbuild -bb --quiet --dbpath "$tmp/fake/db" --define "_topdir $tmp/fake" --define "_binary_payload w9.gzdio" \
        --define "__os_install_post %{nil}" "$tmp/fake/SPECS/$1.spec" > "$tmp/fake/$1.log" 2>&1 \
        || { cat "$tmp/fake/$1.log" >&2; return 1; }
}
fake base - 1 "/bin/sh /bin/bash" &&
fake java-17-openjdk-headless 1 17.0.13.0.11 "jre-17-headless=1:17.0.13.0.11-1 jre-headless=1:17 java-headless=1:17" \
    /usr/lib/jvm/azevents-check-jdk/release &&
fake java-21-openjdk-headless - 21.0.5.0 "jre-21-headless=21.0.5.0 jre-headless=21 java-headless=21" &&
fake java-1.8.0-openjdk-headless 1 1.8.0.432.b06 "jre-1.8.0-headless=1:1.8.0.432.b06-1 jre-headless=1:1.8.0 java-headless=1:1.8.0"
fakes_built=$?
fakerpm() { ls "$tmp"/fake/RPMS/noarch/"$1"-[0-9]*.noarch.rpm; }
resolves() { # resolves RPM...: rpm -i --test in an empty scratch database
    _db=$(mktemp -d "$tmp/db.XXXXXX")
    rpm --root "$_db" --dbpath /var/lib/rpm --initdb 2> /dev/null
    quiet_rpm --root "$_db" --dbpath /var/lib/rpm -i --test "$@" > "$_db.out"
    _rc=$?
    sed 's/^/  rpm -i --test: /' "$_db.out"
    [ $_rc -eq 0 ] && ! grep -q 'Failed dependencies' "$_db.out"
}
if [ $fakes_built -eq 0 ]; then
    check "rpm resolves the Java dependency with Red Hat's java-17-openjdk-headless (epoch 1)" \
        resolves "$rpmfile" "$(fakerpm base)" "$(fakerpm java-17-openjdk-headless)"
    check "rpm resolves the Java dependency with SUSE's java-21-openjdk-headless (no epoch)" \
        resolves "$rpmfile" "$(fakerpm base)" "$(fakerpm java-21-openjdk-headless)"
    check "rpm refuses the package with only Java 8 (jre-headless = 1:1.8.0) installed" \
        not resolves "$rpmfile" "$(fakerpm base)" "$(fakerpm java-1.8.0-openjdk-headless)"
    # dnf and zypper do not resolve with rpm but with libsolv: the same stand-ins, through libsolv's
    # own test driver (the repository of available packages is made from the .rpm files).
    solves() { # solves RPM...: install azevents from a repository of these packages
        _d=$(mktemp -d "$tmp/solv.XXXXXX")
        rpms2solv "$(fakerpm base)" > "$_d/system.solv" && rpms2solv "$@" > "$_d/available.solv" || return 2
        # (file names in a test case are relative to its directory)
        printf '%s\n' "repo system 0 solv system.solv" "repo available 0 solv available.solv" \
            "system x86_64 rpm system" "job install name azevents" > "$_d/case"
        testsolv "$_d/case" > "$_d/out" 2>&1
        sed -n 's/^  - \([a-z].*[0-9]\.noarch\)$/  libsolv installs: \1/p; s/^\(nothing provides\|testcase_read\)/  libsolv: \1/p' "$_d/out"
        grep -q '^  - azevents-' "$_d/out" && ! grep -q 'problem\|testcase_read' "$_d/out"
    }
    if command -v testsolv > /dev/null 2>&1 && command -v rpms2solv > /dev/null 2>&1; then
        check "libsolv (dnf, zypper) installs it with Red Hat's java-17-openjdk-headless" \
            solves "$rpmfile" "$(fakerpm java-17-openjdk-headless)"
        check "libsolv (dnf, zypper) installs it with SUSE's java-21-openjdk-headless" \
            solves "$rpmfile" "$(fakerpm java-21-openjdk-headless)"
        check "libsolv (dnf, zypper) refuses it with only Java 8" \
            not solves "$rpmfile" "$(fakerpm java-1.8.0-openjdk-headless)"
    else
        bad "libsolv's testsolv and rpms2solv are missing (apt-get install libsolv-tools)"
    fi
else
    bad "could not build the stand-in JDK packages (rpmbuild); the Java dependency was not resolved"
fi

# ---- the .rpm installed by rpm into a scratch root ---------------------------------------------
# Runs as this script again inside a private mount namespace (below), and reports there.
if [ "$(id -u)" = 0 ] && [ $fakes_built -eq 0 ] && command -v unshare > /dev/null 2>&1; then
    unshare --mount --propagation private sh "$here/packaging/check-packages.sh" --scratch-root \
        "$tmp/scratch" "$rpmfile" "$(fakerpm java-17-openjdk-headless)" > "$tmp/scratch.out" 2>&1
    if grep -q '^check-packages: \(ok\|FAIL\) ' "$tmp/scratch.out"; then
        cat "$tmp/scratch.out"
        passed=$((passed + $(grep -c '^check-packages: ok ' "$tmp/scratch.out")))
        failed=$((failed + $(grep -c '^check-packages: FAIL ' "$tmp/scratch.out")))
    else
        cat "$tmp/scratch.out"
        bad "the scratch-root install could not run (see above)"
    fi
else
    bad "the scratch-root install needs root, unshare and the stand-in packages"
fi

# ---- lintian's verdict on the .deb --------------------------------------------------------------
wait "$lintian_pid"
lintian_status=$? # lintian exits 1 on an error tag, and when it could not check the package at all
lintian_out=$(grep -v '^running with root privileges' "$tmp/lintian.out")
[ -z "$lintian_out" ] || printf '%s\n' "$lintian_out" | sed 's/^/  lintian: /'
errors=$(printf '%s\n' "$lintian_out" | grep -c '^E: ')
warnings=$(printf '%s\n' "$lintian_out" | grep -c '^W: ')
check "lintian on the .deb: $errors errors, $warnings warnings, exit $lintian_status (overrides: packaging/deb/lintian-overrides)" \
    [ "$errors" -eq 0 -a "$lintian_status" -eq 0 ]

echo "packages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
