"""Reading and writing run outputs (an edge of the package: nothing inside osteoimmune imports it).

:func:`write_run` writes the output directory of one run atomically
(time courses as CSV and NetCDF, outcomes, provenance, summary figure).
"""

from osteoimmune.io.provenance import build_provenance, jsonable, package_version
from osteoimmune.io.rundir import (
    OUTCOMES_JSON,
    PROVENANCE_JSON,
    SUMMARY_PNG,
    TIMECOURSE_CSV,
    TIMECOURSE_NC,
    OutputExistsError,
    OutputPathError,
    check_output_dir,
    write_run,
)

__all__ = [
    "OUTCOMES_JSON",
    "PROVENANCE_JSON",
    "SUMMARY_PNG",
    "TIMECOURSE_CSV",
    "TIMECOURSE_NC",
    "OutputExistsError",
    "OutputPathError",
    "build_provenance",
    "check_output_dir",
    "jsonable",
    "package_version",
    "write_run",
]
