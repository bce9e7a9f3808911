"""KubernetesEndpoint: publish how to call an inference service into a Kubernetes namespace.

Apps in the namespace read two objects, both named after the component
(`metadata.name`, no random suffix, so a pod spec can refer to them):

- a Secret (type Opaque) with `API_KEY`, the key value, kept secret in the
  Pulumi state as well;
- a ConfigMap with `PREDICT_URL` (the public URL), `PRIVATE_URLS` (the
  intranet endpoints, comma-separated, empty while none is approved) and
  `SERVICE_ID`.

Every key is a valid environment variable name, so `envFrom` works as is.

It works the same for a service on either cloud. On PAI-EAS the values are
the service group's: its public endpoint, its VPC endpoint (what apps in a
cluster of the region's VPCs call), its token and its id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional, Sequence

import pulumi
import pulumi_kubernetes as k8s

from .inference_service import InferenceService

TYPE = "inference:components:KubernetesEndpoint"

SECRET_KEY = "API_KEY"
PREDICT_URL_KEY = "PREDICT_URL"
PRIVATE_URLS_KEY = "PRIVATE_URLS"
SERVICE_ID_KEY = "SERVICE_ID"


class KubernetesEndpointArgsError(ValueError):
    """The argument object breaks a rule; the message names the field."""


@dataclass
class KubernetesEndpointArgs:
    """Where to publish, and what: an InferenceService, or the values themselves (explicit values win)."""

    namespace: pulumi.Input[str]
    """The namespace the Secret and the ConfigMap go to."""
    service: Optional[InferenceService] = None
    """An InferenceService whose outputs are published."""
    api_key_name: Optional[str] = None
    """Which API key of `service` to publish; needed when it has more than one."""
    predict_url: Optional[pulumi.Input[str]] = None
    """The public inference URL (e.g. from a StackReference)."""
    api_key: Optional[pulumi.Input[str]] = None
    """The API key value."""
    private_urls: Optional[pulumi.Input[Sequence[str]]] = None
    """The private (intranet) URLs."""
    service_id: Optional[pulumi.Input[str]] = None
    """The service id."""
    object_name: Optional[str] = None
    """metadata.name of both objects; the component name when None."""
    labels: Mapping[str, str] = field(default_factory=dict)
    """Extra labels of both objects."""
    provider: Optional[k8s.Provider] = None
    """The Kubernetes provider to use (the default one when None)."""


def _service_key(args: KubernetesEndpointArgs) -> Optional[pulumi.Output[str]]:
    keys = args.service.api_key_outputs  # the value of each key, on every cloud
    if args.api_key_name is not None:
        if args.api_key_name not in keys:
            raise KubernetesEndpointArgsError(
                f"api_key_name: the service has no API key {args.api_key_name!r} (it has {sorted(keys) or 'none'})")
        return keys[args.api_key_name]
    if len(keys) > 1:
        raise KubernetesEndpointArgsError(f"api_key_name: the service has several API keys ({sorted(keys)}); name one")
    return next(iter(keys.values())) if keys else None


def _service_private_urls(service: InferenceService) -> pulumi.Output[list]:
    # Every connection's private URLs, in connection-name order for a stable ConfigMap.
    return service.private_urls.apply(lambda by_name: [u for n in sorted(by_name) for u in (by_name[n] or [])])


def resolve(args: KubernetesEndpointArgs) -> dict[str, Optional[pulumi.Input]]:
    """The values to publish: explicit ones first, then what the service offers."""
    values = {"predict_url": args.predict_url, "api_key": args.api_key,
              "private_urls": args.private_urls, "service_id": args.service_id}
    if args.api_key_name is not None and args.service is None:
        raise KubernetesEndpointArgsError("api_key_name: only meaningful together with service")
    if args.service is not None:
        fallback = {"predict_url": args.service.predict_url, "api_key": _service_key(args),
                    "private_urls": _service_private_urls(args.service), "service_id": args.service.service_id}
        values = {k: v if v is not None else fallback[k] for k, v in values.items()}
    if values["predict_url"] is None:
        raise KubernetesEndpointArgsError("predict_url: give service or predict_url")
    if values["api_key"] is None:
        raise KubernetesEndpointArgsError("api_key: give api_key, or a service with an API key")
    return values


class KubernetesEndpoint(pulumi.ComponentResource):
    secret: k8s.core.v1.Secret
    config_map: k8s.core.v1.ConfigMap
    secret_name: pulumi.Output[str]
    config_map_name: pulumi.Output[str]

    def __init__(self, name: str, args: KubernetesEndpointArgs, opts: Optional[pulumi.ResourceOptions] = None):
        values = resolve(args)  # before registering: a bad object leaves nothing behind
        super().__init__(TYPE, name, None, opts)
        child = pulumi.ResourceOptions(parent=self, provider=args.provider)
        object_name = args.object_name or name
        labels = {"app.kubernetes.io/managed-by": "pulumi", "inference/endpoint": name, **args.labels}

        def metadata() -> k8s.meta.v1.ObjectMetaArgs:
            return k8s.meta.v1.ObjectMetaArgs(name=object_name, namespace=args.namespace, labels=labels)

        self.secret = k8s.core.v1.Secret(
            f"{name}-secret",
            metadata=metadata(),
            type="Opaque",
            # pulumi-kubernetes marks stringData secret itself; wrapping keeps it so
            # should that ever change.
            string_data={SECRET_KEY: pulumi.Output.secret(values["api_key"])},
            opts=child,
        )
        private = pulumi.Output.from_input(values["private_urls"] or []).apply(lambda urls: ",".join(urls or []))
        data = {PREDICT_URL_KEY: values["predict_url"], PRIVATE_URLS_KEY: private}
        if values["service_id"] is not None:
            data[SERVICE_ID_KEY] = values["service_id"]
        self.config_map = k8s.core.v1.ConfigMap(f"{name}-config", metadata=metadata(), data=data, opts=child)
        self.secret_name = self.secret.metadata.apply(lambda m: m.name)
        self.config_map_name = self.config_map.metadata.apply(lambda m: m.name)
        self.register_outputs({
            "namespace": args.namespace,
            "secret_name": self.secret_name,
            "config_map_name": self.config_map_name,
        })
