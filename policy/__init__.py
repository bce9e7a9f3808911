"""The platform team's CrossGuard policy pack for the inference resources of every cloud."""
