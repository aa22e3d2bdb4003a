#!/usr/bin/env bash
# Fails on high or critical advisories in production dependencies (`npm audit --omit=dev --audit-level=high`).
# When the registry will not answer audit requests at all (some mirrors and proxies refuse the bulk advisory
# endpoint), there is nothing to judge: say so loudly and pass, unless AUDIT_REQUIRED=true makes that a failure too.
set -uo pipefail
cd "$(dirname "$0")/.."

report=$(npm audit --omit=dev --audit-level=high --json 2>/dev/null)
status=$?
if [ "$status" -eq 0 ]; then
  echo "npm audit: no high or critical advisories in production dependencies"
  exit 0
fi
if node -e 'const r = JSON.parse(process.argv[1]); process.exit(r.vulnerabilities ? 0 : 1)' "$report" 2>/dev/null; then
  npm audit --omit=dev --audit-level=high
  echo "npm audit: high or critical advisories in production dependencies (above)" >&2
  exit 1
fi
reason=$(node -e 'try { const r = JSON.parse(process.argv[1]); console.log(r.message ?? r.error?.summary ?? "no report") } catch { console.log("no report") }' "$report")
echo "WARNING: npm audit could not run against the registry ($reason); dependencies were NOT checked for advisories." >&2
if [ "${AUDIT_REQUIRED:-false}" = "true" ]; then exit 1; fi
exit 0
