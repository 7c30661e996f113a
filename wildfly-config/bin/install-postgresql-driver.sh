#!/usr/bin/env bash
# Installs the PostgreSQL JDBC driver into a WildFly installation as the module org.postgresql (modules/org/postgresql/
# main: the jar and its module.xml). Replaces an older driver jar; idempotent.
#   install-postgresql-driver.sh <wildfly-dir> <postgresql.jar>
set -euo pipefail
server=${1:?usage: install-postgresql-driver.sh <wildfly-dir> <postgresql.jar>}
jar=${2:?usage: install-postgresql-driver.sh <wildfly-dir> <postgresql.jar>}
[ -d "$server/modules" ] || { echo "no WildFly installation at $server" >&2; exit 1; }
[ -f "$jar" ] || { echo "no driver jar at $jar" >&2; exit 1; }

module="$server/modules/org/postgresql/main"
mkdir -p "$module"
find "$module" -name 'postgresql-*.jar' ! -name "$(basename "$jar")" -delete
cp "$jar" "$module/"
# The driver needs only the JDK (JDBC, JNDI, XA interfaces); jakarta.transaction.api for the XA datasource's callers.
cat >"$module/module.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:jboss:module:1.9" name="org.postgresql">
    <resources>
        <resource-root path="$(basename "$jar")"/>
    </resources>
    <dependencies>
        <module name="java.se"/>
        <module name="jakarta.transaction.api"/>
    </dependencies>
</module>
XML
