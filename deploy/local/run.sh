#!/usr/bin/env bash
# README line one: IntegrationHub on this machine with everything it needs, on an embedded default.
# PostgreSQL under .data/ (port 5433, or a free one), the provider simulator on :5090, the dashboard on :5080,
# a demo tenant whose credentials are printed. Ctrl-C stops all of it; running it again reuses the data.
set -euo pipefail
cd "$(dirname "$0")/../.."
. deploy/local/prerequisites.sh
ensure_dotnet
ensure_postgres
echo "Building ..."
dotnet build src/IntegrationHub.Local -c Release -nologo -v q -clp:ErrorsOnly
exec dotnet src/IntegrationHub.Local/bin/Release/net10.0/IntegrationHub.Local.dll "$@"
