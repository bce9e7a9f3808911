"""HPA endpoints: /v2/{project_id}/services/{service_id}/deployments/{deployment_id}/hpa[/events].

The policy document is keyed by the deployment id (one policy per
deployment), so a policy left behind by a deleted deployment can never be
reached again: every route looks the deployment up first.
"""

from __future__ import annotations

from .. import errors
from .context import Context, state_error
from ..responses import hpa_body, hpa_event_item, page
from ..state import scaling_rule as hpa_state
from ..state.common import TransitionNotAllowed
from ..state.deployment import Deployment
from ..state.scaling_rule import HpaPolicy, RuleError
from ..validation import as_enum, as_list, as_str, optional, required


def hpa_not_found(deployment_id: str) -> errors.ApiError:
    return errors.ApiError(404, "ModelArts.3510", f"No auto-scaling policy is set on deployment {deployment_id}.")


def _rule_error(exc: RuleError) -> errors.ApiError:
    return errors.invalid_field(exc.field, exc.rule, exc.value)


def _load(ctx: Context, dep: Deployment) -> HpaPolicy | None:
    doc = ctx.store.get(hpa_state.KIND, ctx.project_id, dep.id)
    return HpaPolicy.from_doc(doc) if doc else None


def _save(ctx: Context, policy: HpaPolicy) -> None:
    ctx.store.put(hpa_state.KIND, ctx.project_id, policy.deployment_id, policy.to_doc())


def _target(ctx: Context) -> tuple[Deployment, HpaPolicy | None]:
    service = ctx.service()
    dep = ctx.deployment(service)
    return dep, _load(ctx, dep)


def _guard_writable(dep: Deployment) -> None:
    if not hpa_state.is_dedicated_pool(dep.config.get("pool_id")):
        raise errors.state_conflict(f"Deployment {dep.name} runs in the public resource pool; auto scaling "
                                    "is supported only on dedicated resource pools.")
    try:
        hpa_state.check_editable(dep.name, dep.status)
    except TransitionNotAllowed as exc:
        raise state_error(exc) from None


def _rules(body: dict, key: str = "hpa_rules") -> list[dict]:
    raw = as_list(required(body, key, key), key)
    try:
        return [hpa_state.normalise_rule(rule, f"{key}[{i}]") for i, rule in enumerate(raw)]
    except RuleError as exc:
        raise _rule_error(exc) from None


def _replicas(dep: Deployment) -> int:
    return int(dep.config.get("count") or 1)


# ----- endpoints -----------------------------------------------------------------------------

def create(ctx: Context) -> dict:
    dep, existing = _target(ctx)
    body = ctx.json_object()
    policy_type = as_enum(required(body, "type", "type"), "type", hpa_state.POLICY_TYPES)
    target = as_str(required(body, "target_resource_id", "target_resource_id"), "target_resource_id")
    if target != dep.id:
        raise errors.invalid_field("target_resource_id", "must be the id of the deployment in the path", target)
    as_enum(required(body, "target_resource_type", "target_resource_type"), "target_resource_type",
            hpa_state.TARGET_TYPES)
    workspace_id = optional(body, "workspace_id", as_str, "workspace_id", min_len=1, max_len=64) or "0"
    rules = _rules(body)
    _guard_writable(dep)
    if existing is not None:
        raise errors.duplicate_name(f"Deployment {dep.name} already has an auto-scaling policy "
                                    f"({existing.id}); update it instead.")
    try:
        policy = HpaPolicy.create(dep.service_id, dep.id, dep.name, policy_type, workspace_id, rules,
                                  ctx.now, _replicas(dep))
    except RuleError as exc:
        raise _rule_error(exc) from None
    _save(ctx, policy)
    return hpa_body(policy)


def show(ctx: Context) -> dict:
    dep, policy = _target(ctx)
    if policy is None:
        raise hpa_not_found(dep.id)
    return hpa_body(policy)


def update(ctx: Context) -> dict:
    dep, policy = _target(ctx)
    if policy is None:
        raise hpa_not_found(dep.id)
    body = ctx.json_object()
    # `id` is documented as the target (deployment) id the policy is bound to.
    target = as_str(required(body, "id", "id"), "id")
    if target not in (dep.id, policy.id):
        raise errors.invalid_field("id", "must be the id of the deployment in the path", target)
    _guard_writable(dep)
    if body.get("hpa_rules") is not None:
        _change_rules(policy, body["hpa_rules"], ctx.now, _replicas(dep))
    _save(ctx, policy)
    return hpa_body(policy)


def _change_rules(policy: HpaPolicy, raw_rules, now: float, replicas: int) -> None:
    """With `operate` on any rule: apply the operations; without: replace the rule set."""
    raw_rules = as_list(raw_rules, "hpa_rules")
    try:
        if not any(isinstance(r, dict) and r.get("operate") for r in raw_rules):
            policy.replace_rules(_rules({"hpa_rules": raw_rules}), now, replicas)
            return
        operations = []
        for index, raw in enumerate(raw_rules):
            path = f"hpa_rules[{index}]"
            operate = as_enum(required(raw, "operate", f"{path}.operate"), f"{path}.operate",
                              hpa_state.OPERATIONS)
            operations.append((operate, _operation_rule(operate, raw, path), path))
        policy.apply_operations(operations, now, replicas)
    except RuleError as exc:
        raise _rule_error(exc) from None


def _operation_rule(operate: str, raw: dict, path: str) -> dict:
    if operate == "DELETE":  # only the rule's identity matters
        if not raw.get("id") and not raw.get("name"):
            raise RuleError(path, "a rule to delete needs its id or name")
        return {"id": raw.get("id"), "name": raw.get("name")}
    rule = hpa_state.normalise_rule(raw, path)
    if operate == "UPDATE" and raw.get("id"):
        rule["id"] = raw["id"]
    return rule


def delete(ctx: Context) -> dict:
    dep, policy = _target(ctx)
    if policy is None:
        raise hpa_not_found(dep.id)
    ctx.store.delete(hpa_state.KIND, ctx.project_id, dep.id)
    return hpa_body(policy, status="DELETED")


def list_events(ctx: Context) -> dict:
    dep, policy = _target(ctx)
    limit, offset = ctx.paging()
    events = list(policy.events) if policy else []
    descending = (ctx.query.get("sort_dir") or "DESC").upper() != "ASC"
    events.sort(key=lambda e: e["at"], reverse=descending)
    return page([hpa_event_item(policy, e) for e in events], limit, offset)
