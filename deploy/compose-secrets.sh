#!/usr/bin/env bash
# Makes the secret files deploy/compose.yaml reads, once: the database password, the same password as a pgpass line
# (the hub's connection string names the file, never the password), and the 256-bit key sealing the key ring. Empty
# files for the demo's mention bot are made too, for the person trying the demo to fill (deploy/README.md).
# Existing files are kept: losing keyring.key loses every stored token and secret.
set -euo pipefail
cd "$(dirname "$0")"
umask 077
mkdir -p secrets
chmod 700 secrets
[ -s secrets/db-password ] || openssl rand -hex 24 > secrets/db-password
[ -s secrets/pgpass ] || printf '*:*:*:hub:%s\n' "$(cat secrets/db-password)" > secrets/pgpass
[ -s secrets/keyring.key ] || openssl rand -base64 32 > secrets/keyring.key
touch secrets/bot-api-key secrets/bot-webhook-secret
# Compose bind-mounts these files as they are (no uid or mode of its own outside Swarm); the containers run as the
# image's app user, not this one, so the files are world-readable inside a directory only this user can open.
chmod 644 secrets/*
echo "Secrets in $(pwd)/secrets (keep keyring.key in your secret store too)."
