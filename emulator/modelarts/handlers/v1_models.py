"""v1 model registry: /v1/{project_id}/models[/{model_id}] (create, list, show, delete)."""

from __future__ import annotations

from .. import errors, v1_errors
from ..state.v1_model import STATUSES, V1Model
from ..v1_responses import list_body, model_body, model_item
from ..v1_validation import MODEL_TYPES, bool_query, json_object, validate_model_create
from ..validation import as_enum
from . import v1_common as common
from .context import Context

MAX_CASCADE = 20  # "at most 20 per call" (DeleteModel)
SORT_KEYS = ("create_at", "model_version", "model_size")


def create(ctx: Context) -> dict:
    """Response 200 {"model_id"}; the model is `publishing`, then `published`."""
    found = validate_model_create(json_object(ctx.body))
    for other in common.models(ctx):
        if (other.model_name, other.model_version) == (found["model_name"],
                                                        found["model_version"]):
            raise errors.duplicate_name(
                f"Model {found['model_name']} version {found['model_version']} already exists "
                f"({other.model_id}); give a new model_version to create another version.")
    created = V1Model.create(found["model_name"], found["model_version"], found["model_type"],
                             found["spec"], ctx.now, ctx.settings.ready_delay)
    common.save_model(ctx, created)
    return {"model_id": created.model_id}


def show(ctx: Context) -> dict:
    return model_body(common.model(ctx, ctx.path["model_id"]), ctx.project_id)


def list_(ctx: Context) -> dict:
    query = ctx.query
    limit, offset = common.paging(ctx)
    exact = bool_query(query.get("exact_match"), "exact_match")
    status = query.get("model_status") or None
    if status:
        as_enum(status, "model_status", STATUSES)
    model_type, not_type = query.get("model_type") or None, query.get("not_model_type") or None
    if model_type and not_type:
        raise errors.invalid_field("not_model_type", "cannot be combined with model_type",
                                   not_type)
    for name, value in (("model_type", model_type), ("not_model_type", not_type)):
        if value:
            as_enum(value, name, MODEL_TYPES)
    sort_by = query.get("sort_by") or "create_at"
    as_enum(sort_by, "sort_by", SORT_KEYS)
    order = (query.get("order") or "desc")
    as_enum(order, "order", ("asc", "desc"))
    name, version = query.get("model_name") or None, query.get("model_version") or None
    description, workspace = query.get("description") or None, query.get("workspace_id") or None

    def matches(found: V1Model) -> bool:
        if name and (found.model_name != name if exact else name not in found.model_name):
            return False
        return ((not version or found.model_version == version)
                and (not status or found.model_status == status)
                and (not model_type or found.model_type == model_type)
                and (not not_type or found.model_type != not_type)
                and (not description or description in found.spec.get("description", ""))
                and (not workspace or found.spec.get("workspace_id", "0") == workspace))

    found = [m for m in common.models(ctx) if matches(m)]
    found.sort(key=_sort_key(sort_by), reverse=order == "desc")
    return list_body("models", [model_item(m, ctx.project_id) for m in found], limit, offset)


def delete(ctx: Context) -> dict:
    """Delete a model, or with ?cascade=true every version of its name (at most 20 a call).

    A model that still backs a v1 service is not deleted. A call that deletes nothing for that
    reason is a 400 (ModelArts.3009); a cascade that deletes some versions answers 200 and
    lists the others in `delete_failed_list`, as documented."""
    target = common.model(ctx, ctx.path["model_id"])
    cascade = bool_query(ctx.query.get("cascade"), "cascade")
    targets = [target]
    if cascade:
        targets = sorted((m for m in common.models(ctx) if m.model_name == target.model_name),
                         key=lambda m: (m.model_id != target.model_id, m.create_at))[:MAX_CASCADE]
    users = _services_using(ctx)
    deleted, refused = [], []
    for found in targets:
        names = users.get(found.model_id)
        if names:
            refused.append((found, names))
        else:
            deleted.append(found.model_id)
            common.delete_model(ctx, found)
    if refused and not deleted:
        found, names = refused[0]
        raise v1_errors.model_in_use(found.model_id, found.model_name, found.model_version, names)
    failed = [{"model_id": found.model_id, "error_code": "ModelArts.3009",
               "error_msg": v1_errors.model_in_use_message(found.model_id, found.model_name,
                                                           found.model_version, names)}
              for found, names in refused]
    return {"delete_success_list": deleted, "delete_failed_list": failed}


def _services_using(ctx: Context) -> dict[str, list[str]]:
    users: dict[str, list[str]] = {}
    for svc in common.services(ctx):
        for model_id in svc.model_ids():
            users.setdefault(model_id, []).append(svc.service_name)
    return users


def _sort_key(sort_by: str):
    if sort_by == "model_version":
        return lambda m: (tuple(int(p) for p in m.model_version.split(".")), m.create_at)
    if sort_by == "model_size":
        return lambda m: (0, m.create_at)  # every emulated model has size 0
    return lambda m: m.create_at
