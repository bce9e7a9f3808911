"""What a migration says: MIGRATION.md beside the program, and the refusal when it cannot go ahead."""

from __future__ import annotations

from .features import FEATURES, UNSEEN
from .translate import Finding, Migration

GUIDE = "docs/migration-v1-to-v2.md"


def _finding_line(finding: Finding) -> str:
    feature = FEATURES[finding.feature]
    return f"`{finding.feature}`: {feature.title}, at `{finding.where}` ({finding.detail}). In v2: {feature.in_v2}."


def refusal(migration: Migration) -> str:
    """Why nothing was written, and what to do about each point."""
    lines = [f"cannot migrate v1 service {migration.v1_name} ({migration.v1_id}):"]
    lines += [f"  - {problem}" for problem in migration.problems]
    if migration.blocking:
        lines.append("  the v2 program would not carry these; migrate without them with --drop NAME, or keep the "
                     "service on v1:")
        lines += [f"  - {_finding_line(finding)}" for finding in migration.blocking]
        names = " ".join(f"--drop {name}" for name in dict.fromkeys(f.feature for f in migration.blocking))
        lines.append(f"  to go ahead without them: {names}")
    return "\n".join(lines)


def migration_md(migration: Migration, out_hint: str) -> str:
    plan = migration.plan
    sections = [
        f"# v1 service {migration.v1_name} on ModelArts v2\n",
        f"`inference-migrate` read the v1 service `{migration.v1_name}` (`{migration.v1_id}`, {migration.v1_status}) "
        f"and wrote this program: one `InferenceService` named `{plan.component}` with one deployment per v1 "
        "config entry. Nothing was created or changed in the cloud.\n",
        "## Carried over\n",
        "| v2 deployment | from v1 | image | weight | replicas | resources | pool |",
        "|---|---|---|---|---|---|---|",
    ]
    for d in plan.deployments:
        resources = d.flavor or ", ".join(f"{k} {v}" for k, v in (d.custom_spec or {}).items())
        sections.append(f"| `{d.name}` | {d.source} | `{d.image}` | {d.weight} | {d.replicas} | {resources} | "
                        f"`{d.pool_id}` |")
    sections.append(f"\nService: name `{plan.service_name}`, protocol {plan.protocol}, auth_type {plan.auth_type}"
                    + (f" with the API key `{plan.api_key}`" if plan.api_key else "") + ". Environment variables, "
                    "ports and HTTP health checks come along with each deployment.\n")
    if migration.notes:
        sections.append("## Carried over differently\n")
        sections += [f"- {note}" for note in migration.notes]
        sections.append("")
    sections.append("## Left behind (--drop)\n")
    if migration.left_behind:
        sections += [f"- {_finding_line(finding)}" for finding in migration.left_behind]
    else:
        sections.append("Nothing: every setting the v1 service shows is carried over.")
    sections += ["", "## Not shown by the v1 API: check them in the console\n"]
    sections += [f"- {item}" for item in UNSEEN]
    sections += ["", "## Next: deploy beside v1, then cut over\n",
                 "```bash",
                 f"inference-stack --project {out_hint} up                        # v2 beside v1 (imported, unchanged)",
                 f"inference-migrate --check --project {out_hint}                 # ready for the v1 clients?",
                 f"inference-stack --project {out_hint} config set clients v2     # then up: the endpoint output moves",
                 f"inference-stack --project {out_hint} config set v1Service stopped   # then up: the rollback window",
                 f"inference-stack --project {out_hint} config set v1Service deleted   # then up, once you are sure",
                 "```", "",
                 f"Each step, and rolling back: {GUIDE} in the inference-iac repository.", ""]
    return "\n".join(sections)
