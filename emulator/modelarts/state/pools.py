"""Resource pools: one public pool plus N dedicated pools, fixed at start-up.

A deployment selects a dedicated pool with `pool_id`; it runs on the public
pool when `pool_id` is omitted. The public pool therefore has no id a request
may name: as on the platform, ListPools/ShowPool serve the project's dedicated
pools only (every listed pool can be named in a create), and passing the
public pool's internal name as `pool_id` is refused with a hint.
Public-pool deployments cannot be managed individually (domain-spec 2.2, 2.8,
key fact 11); the handlers enforce that with `public_pool_refusal`.
"""

from __future__ import annotations

from dataclasses import dataclass

PUBLIC_POOL_NAME = "pool-public"
DEDICATED_PREFIX = "pool-dedicated-"
# Pools exist "since" a fixed moment: they are not created through this API.
CREATED_AT = "2026-01-01T00:00:00Z"


@dataclass(frozen=True)
class Pool:
    id: str
    display_name: str
    public: bool
    flavors: tuple[tuple[str, int], ...]  # (flavor id, node count)


def dedicated_pool_id(number: int) -> str:
    return f"{DEDICATED_PREFIX}{number:04d}"


def all_pools(dedicated_count: int) -> list[Pool]:
    public = Pool(PUBLIC_POOL_NAME, "public", True,
                  (("modelarts.vm.cpu.2u", 0), ("modelarts.vm.gpu.t4", 0)))
    dedicated = [Pool(dedicated_pool_id(n), f"dedicated-{n}", False,
                      (("modelarts.vm.cpu.8u", 4), ("modelarts.vm.gpu.v100", 2)))
                 for n in range(1, dedicated_count + 1)]
    return [public, *dedicated]


def listed_pools(dedicated_count: int) -> list[Pool]:
    """What ListPools serves: the pools a deployment may name (the dedicated ones)."""
    return [pool for pool in all_pools(dedicated_count) if not pool.public]


def pool_problem(pool_id: str, dedicated_count: int) -> str | None:
    """Why `pool_id` cannot host a deployment, or None when it can."""
    if pool_id == PUBLIC_POOL_NAME:
        return "the public pool is selected by omitting pool_id, not by naming it"
    if any(p.id == pool_id and not p.public for p in all_pools(dedicated_count)):
        return None
    return "no such dedicated resource pool (see GET /v2/{project_id}/pools)"


def is_public(config: dict) -> bool:
    return not config.get("pool_id")


def public_pool_refusal(deployment_name: str, operation: str) -> str:
    return (f"Deployment {deployment_name} runs on the public resource pool: it cannot be "
            f"{operation} individually; change it through its service instead "
            "(only dedicated-pool deployments have an independent lifecycle).")
