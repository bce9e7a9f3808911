"""inference_iac: infrastructure as code for managed model inference, on Pulumi.

Public API:

- `inference_iac.modelarts`: Huawei Cloud ModelArts real-time inference resources
- `inference_iac.eas`: Alibaba Cloud PAI-EAS resources (service groups, services, tokens, gateways, scalers)
- `inference_iac.components`: InferenceService, CanaryRelease, KubernetesEndpoint
- `inference_iac.policy`: the CrossGuard policy pack
- `inference_iac.emulator`: the local emulator of the management APIs

Beneath them: `core` (the cloud-neutral layers) and one folder per cloud API.
"""

__version__ = "0.2.0"
