#!/usr/bin/env bash
# Entry point of the JVM image: picks the class-data archive of the role named in the container's arguments
# (location, storage, normalizer or run), then hands over to the image's launcher (run-java.sh), which turns the
# JAVA_*/GC_* variables into JVM options (docs/memory.md). Each role has its own archive, written by a training run
# of that role (train.sh): an archive is mapped, and resident, whole, so one archive of all roles would cost every
# sidecar the classes of the other two. The archive goes in front of JAVA_OPTS_APPEND: an archive named there (as in
# manifests written for earlier images, with /deployments/app-cds.jsa) comes later and wins.
archive=""
for arg in "$@"; do
    case $arg in
        location | storage | normalizer | run)
            archive="/deployments/app-cds-$arg.jsa"
            break
            ;;
    esac
done
# One-shot commands (export, validate, --help) share the all-roles archive.
[ -n "$archive" ] || archive=/deployments/app-cds-run.jsa
if [ -f "$archive" ]; then
    export JAVA_OPTS_APPEND="-XX:SharedArchiveFile=$archive${JAVA_OPTS_APPEND:+ $JAVA_OPTS_APPEND}"
fi
exec /opt/jboss/container/java/run/run-java.sh "$@"
