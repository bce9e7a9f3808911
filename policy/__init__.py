"""The platform team's CrossGuard policy pack for the ModelArts resources (see README.md here)."""
