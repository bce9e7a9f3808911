"""Entry point a Python language host runs for the pack directory: serve the pack to the engine."""

from inference_iac.policy.pack import serve

serve()
