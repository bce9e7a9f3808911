"""Alibaba Cloud PAI-EAS (API 2021-07-01) as an emulator plug-in."""
