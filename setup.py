"""Package layout: the repository's top-level folders become one import namespace.

    provider/    -> inference_iac               (core, one folder per cloud API, automation)
    components/  -> inference_iac.components
    emulator/    -> inference_iac.emulator
    policy/      -> inference_iac.policy

Nothing else is installed at the top level of site-packages. Metadata lives in
pyproject.toml; only the folder mapping needs code.
"""

from setuptools import find_packages, setup

ROOTS = {
    "inference_iac": "provider",
    "inference_iac.components": "components",
    "inference_iac.emulator": "emulator",
    "inference_iac.policy": "policy",
}


def packages_and_dirs() -> tuple[list[str], dict[str, str]]:
    packages, package_dir = [], {}
    for package, folder in ROOTS.items():
        package_dir[package] = folder
        packages.append(package)
        for sub in find_packages(folder):
            packages.append(f"{package}.{sub}")
            package_dir[f"{package}.{sub}"] = f"{folder}/{sub.replace('.', '/')}"
    return packages, package_dir


PACKAGES, PACKAGE_DIR = packages_and_dirs()

setup(packages=PACKAGES, package_dir=PACKAGE_DIR)
