"""Interchange with the systems-biology ecosystem: SBML export and import, COMBINE archives (SED-ML), PEtab.

* :func:`export_sbml` — the model as configured by a scenario, as SBML Level 3 Version 2 (libroadrunner runs it).
* :func:`import_sbml` — an SBML ODE model as an osteoimmune declaration (:class:`ImportedModel`).
* :func:`export_omex` — SBML + SED-ML time course + manifest in a COMBINE archive.
* :func:`export_petab` — a PEtab v1 calibration problem.

Heavy dependencies (libsbml, libsedml, libcombine, petab) are imported by the submodules only.
"""

from __future__ import annotations

from typing import Any

__all__ = ["export_sbml", "import_sbml", "ImportedModel", "export_omex", "export_petab"]


def __getattr__(name: str) -> Any:
    if name in ("import_sbml", "ImportedModel"):
        from . import sbml_import

        return getattr(sbml_import, name)
    if name in ("export_sbml",):
        from . import sbml_export

        return getattr(sbml_export, name)
    if name == "export_omex":
        from . import omex

        return omex.export_omex
    if name == "export_petab":
        from . import petab_problem

        return petab_problem.export_petab
    raise AttributeError(name)
