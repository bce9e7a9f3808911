"""Read-only catalogues: flavors (/services/flavors) and resource pools (/pools)."""

from __future__ import annotations

from .. import errors
from .context import Context
from ..responses import page
from ..state import flavors as flavor_state
from ..state import pools as pool_state
from ..validation import as_enum


def list_flavors(ctx: Context) -> dict:
    """ListInferClusterFlavorsResponse, paginated like the other lists."""
    flavor_type = ctx.query.get("flavor_type") or None
    if flavor_type:
        as_enum(flavor_type, "flavor_type", flavor_state.FLAVOR_TYPES)
    limit, offset = ctx.paging()
    return page(flavor_state.flavors(flavor_type), limit, offset)


def list_pools(ctx: Context) -> dict:
    """ListPoolsResponse: a Kubernetes-style list, not paginated (the SDK has no paging here);
    the project's dedicated pools (the public pool is used by omitting pool_id)."""
    status = ctx.query.get("status")
    selector = _label_selector(ctx.query.get("labelSelector") or "")
    items = [_pool_model(p, ctx.project_id)
             for p in pool_state.listed_pools(ctx.settings.dedicated_pools)]
    items = [i for i in items
             if (not status or status == "created")
             and all(i["metadata"]["labels"].get(k) == v for k, v in selector.items())]
    return {"apiVersion": "v2", "kind": "PoolList", "items": items}


def show_pool(ctx: Context) -> dict:
    for pool in pool_state.listed_pools(ctx.settings.dedicated_pools):
        if pool.id == ctx.path["pool_name"]:
            return _pool_model(pool, ctx.project_id)
    raise errors.pool_not_found(ctx.path["pool_name"])


def _label_selector(text: str) -> dict[str, str]:
    """`key=value[,key=value]`, equality only."""
    pairs = [part.split("=", 1) for part in text.split(",") if part.strip()]
    if any(len(pair) != 2 for pair in pairs):
        raise errors.invalid_field("labelSelector", "must be key=value pairs separated by ','",
                                   text)
    return {key.strip(): value.strip() for key, value in pairs}


def _pool_model(pool: pool_state.Pool, project_id: str) -> dict:
    """PoolModel with the fields a caller needs: id, display name, public/private, flavors."""
    resources = [{"flavor": flavor, "count": count, "maxCount": count}
                 for flavor, count in pool.flavors]
    return {
        "apiVersion": "v2",
        "kind": "Pool",
        "metadata": {
            "name": pool.id,
            "creationTimestamp": pool_state.CREATED_AT,
            "labels": {
                "os.modelarts/name": pool.display_name,
                "os.modelarts/workspace.id": "0",
                "os.modelarts/tenant.project.id": project_id,
                "os.modelarts.pool/biz": "public" if pool.public else "private",
            },
            "annotations": {"os.modelarts/description":
                            "public resource pool (deployments without pool_id)" if pool.public
                            else "dedicated resource pool"},
        },
        "spec": {"type": "Logical" if pool.public else "Dedicate", "scope": ["Infer"],
                 "resources": resources},
        "status": {"phase": "Running", "message": "",
                   "scope": [{"scopeType": "Infer", "state": "Enabled"}]},
    }
