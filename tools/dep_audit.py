"""Dependency audit: known vulnerabilities in the installed Python packages (`make audit`).

Two sources, the better one that answers:

1. OSV (api.osv.dev, the database pip-audit uses): an exact answer for each installed version.
2. Where OSV cannot be reached (a machine that reaches only a package registry), the PyPI
   project JSON (pypi.org/pypi/NAME/json), which carries the advisories open against the
   *latest* release. For a package installed at its latest release that is exact as well; for
   one behind it, the audit says so and whether a newer release of the same series exists
   (security fixes land there), and counts it as not verified.

Exit status: 0 when every package was checked and none has a known vulnerability, 1 when one
has, 2 when some packages could not be verified. The report also goes to var/dep-audit.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

OSV_BATCH = "https://api.osv.dev/v1/querybatch"
PYPI_JSON = "https://pypi.org/pypi/{name}/json"
TIMEOUT = 15
SELF = {"onestop"}


@dataclass
class Finding:
    name: str
    version: str
    source: str = ""  # "osv", "pypi-latest", or "" when nothing answered
    verified: bool = False
    vulnerabilities: list[str] = field(default_factory=list)
    latest: str = ""
    note: str = ""


def installed() -> dict[str, str]:
    found: dict[str, str] = {}
    for dist in metadata.distributions():
        name = (dist.metadata["Name"] or "").lower().replace("_", "-")
        if name and name not in SELF:
            found[name] = dist.version
    return dict(sorted(found.items()))


def _get_json(url: str, body: dict[str, Any] | None = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    # Only the two fixed https addresses above are ever opened.
    request = urllib.request.Request(  # noqa: S310
        url, data=data, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
        return json.load(response)


def from_osv(packages: dict[str, str]) -> list[Finding] | None:
    """Exact advisories per installed version, or None when OSV cannot be reached."""
    queries = [
        {"package": {"name": n, "ecosystem": "PyPI"}, "version": v} for n, v in packages.items()
    ]
    try:
        answer = _get_json(OSV_BATCH, {"queries": queries})
    except (OSError, urllib.error.URLError, ValueError):
        return None
    findings = []
    for (name, version), result in zip(packages.items(), answer.get("results", []), strict=False):
        ids = sorted(v["id"] for v in result.get("vulns", []) or [])
        findings.append(Finding(name, version, "osv", True, ids))
    return findings


def classify_pypi(name: str, version: str, project: dict[str, Any] | None) -> Finding:
    """What the PyPI project JSON tells about one installed version (pure: tested offline)."""
    finding = Finding(name, version)
    if project is None:
        finding.note = "PyPI did not answer"
        return finding
    latest = str(project.get("info", {}).get("version", ""))
    finding.latest, finding.source = latest, "pypi-latest"
    files = project.get("releases", {}).get(version) or []
    if any(f.get("yanked") for f in files):
        reasons = {f.get("yanked_reason") or "" for f in files if f.get("yanked")}
        finding.note = f"yanked: {'; '.join(sorted(r for r in reasons if r)) or 'no reason given'}"
    if _same(version, latest):
        finding.verified = True
        finding.vulnerabilities = sorted(
            v.get("id", "?") for v in project.get("vulnerabilities", []) if not v.get("withdrawn")
        )
        return finding
    newest = _newest_of_series(version, list(project.get("releases", {})))
    where = (
        f"the newest {'.'.join(version.split('.')[:2])}.x release"
        if newest
        else "a newer release of its own series exists: upgrade"
    )
    finding.note = (finding.note + "; " if finding.note else "") + (
        f"not the latest release; {where}; advisories for {version} need OSV"
    )
    return finding


def _version(text: str) -> Any:
    try:
        from packaging.version import Version

        return Version(text)
    except Exception:  # an odd version string compares as text
        return text


def _same(a: str, b: str) -> bool:
    return bool(_version(a) == _version(b))


def _newest_of_series(version: str, releases: list[str]) -> bool:
    """Whether no later release shares this version's major.minor (a supported old series,
    such as Django's LTS, is then as patched as it gets)."""
    series = version.split(".")[:2]
    mine = _version(version)
    later = []
    for r in releases:
        if r.split(".")[:2] != series:
            continue
        other = _version(r)
        if type(other) is type(mine) and other > mine and not getattr(other, "is_prerelease", 0):
            later.append(r)
    return not later


def from_pypi(packages: dict[str, str]) -> list[Finding]:
    def one(item: tuple[str, str]) -> Finding:
        name, version = item
        try:
            project = _get_json(PYPI_JSON.format(name=name))
        except (OSError, urllib.error.URLError, ValueError):
            project = None
        return classify_pypi(name, version, project)

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(one, packages.items()))


def exit_status(findings: list[Finding]) -> int:
    if any(f.vulnerabilities for f in findings):
        return 1
    return 0 if all(f.verified for f in findings) else 2


def report(findings: list[Finding], out: Any = sys.stdout) -> None:
    vulnerable = [f for f in findings if f.vulnerabilities]
    unverified = [f for f in findings if not f.verified]
    source = findings[0].source if findings and findings[0].source == "osv" else "PyPI JSON"
    print(f"Dependency audit, {len(findings)} packages, source: {source}", file=out)
    for f in vulnerable:
        print(f"  VULNERABLE {f.name} {f.version}: {', '.join(f.vulnerabilities)}", file=out)
    for f in unverified:
        latest = f" (latest {f.latest})" if f.latest else ""
        print(f"  not verified {f.name} {f.version}{latest}: {f.note}", file=out)
    verified = len(findings) - len(unverified)
    print(
        f"{verified} verified, {len(vulnerable)} with known vulnerabilities, "
        f"{len(unverified)} not verified",
        file=out,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default="var/dep-audit.json")
    args = parser.parse_args(argv)
    packages = installed()
    findings = from_osv(packages) or from_pypi(packages)
    report(findings)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(
        json.dumps(
            {
                "at": datetime.now(UTC).isoformat(timespec="seconds"),
                "python": sys.version.split()[0],
                "findings": [asdict(f) for f in findings],
            },
            indent=1,
        )
    )
    return exit_status(findings)


if __name__ == "__main__":
    sys.exit(main())
