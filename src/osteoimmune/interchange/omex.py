"""COMBINE archive (OMEX): the exported SBML + a SED-ML L1V4 time course + manifest.

:func:`export_omex` writes ``model.xml`` (:func:`~osteoimmune.interchange.sbml_export.export_sbml`),
``simulation.sedml`` and the manifest. The SED-ML document has one model (language
``urn:sedml:language:sbml.level-3.version-2``), one ``uniformTimeCourse`` from 0 to the scenario's horizon with one
step per output interval (``numberOfSteps = days / output_interval_days``), algorithm KISAO:0000019 (CVODE) with
relative tolerance (KISAO:0000209) and absolute tolerance (KISAO:0000211) parameters, one task, a data generator per
state (and time) and a report of all of them.

:func:`execute_omex` is a small SED-ML runner for exactly this shape of archive (uniform time courses, variables
that are species or ``time``): it reads the archive with libcombine, the SED-ML with libsedml, runs each task in
libroadrunner with the algorithm's tolerances and returns the report columns. tellurium (the usual SED-ML runner)
is not installed in this project's environment; this runner stands in for it.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import Issue, ModelError

SBML_LANGUAGE = "urn:sedml:language:sbml.level-3.version-2"
KISAO_CVODE = "KISAO:0000019"
KISAO_RTOL = "KISAO:0000209"
KISAO_ATOL = "KISAO:0000211"
_TARGET = "/sbml:sbml/sbml:model/sbml:listOfSpecies/sbml:species[@id='{}']"


def _check(code: int, what: str) -> None:
    import libsedml

    if code != libsedml.LIBSEDML_OPERATION_SUCCESS:
        raise ModelError("SED-ML export failed", [Issue(what, libsedml.OperationReturnValue_toString(code) or str(code))])


def sedml_document(run, model_file: str = "model.xml", rtol: float = 1e-10, atol: float = 1e-14):
    """The SED-ML L1V4 document of a prepared run's time course (see the module docs)."""
    import libsedml

    sc = run.scenario
    days = float(run.schedule.t1)
    interval = float(getattr(sc, "output_interval_days", 0) or (days / max(1, run.output_times.size - 1)))
    steps = max(1, int(round(days / interval)))
    doc = libsedml.SedDocument(1, 4)
    model = doc.createModel()
    model.setId("model")
    model.setLanguage(SBML_LANGUAGE)
    model.setSource(model_file)
    sim = doc.createUniformTimeCourse()
    sim.setId("time_course")
    sim.setInitialTime(0.0)
    sim.setOutputStartTime(0.0)
    sim.setOutputEndTime(days)
    sim.setNumberOfSteps(steps)
    alg = sim.createAlgorithm()
    alg.setKisaoID(KISAO_CVODE)
    for kisao, value in ((KISAO_RTOL, rtol), (KISAO_ATOL, atol)):
        p = alg.createAlgorithmParameter()
        p.setKisaoID(kisao)
        p.setValue(repr(float(value)))
    task = doc.createTask()
    task.setId("task")
    task.setModelReference("model")
    task.setSimulationReference("time_course")
    report = doc.createReport()
    report.setId("report")
    report.setName(f"time courses of scenario {getattr(sc, 'name', '')} (day)")
    for sid in ("time", *run.compiled.species_ids):
        dg = doc.createDataGenerator()
        dg.setId(f"dg_{sid}")
        dg.setName(sid)
        var = dg.createVariable()
        var.setId(f"v_{sid}")
        var.setTaskReference("task")
        if sid == "time":
            var.setSymbol("urn:sedml:symbol:time")
        else:
            var.setTarget(_TARGET.format(sid))
        dg.setMath(libsedml.parseL3Formula(f"v_{sid}"))
        ds = report.createDataSet()
        ds.setId(f"ds_{sid}")
        ds.setLabel(sid)
        ds.setDataReference(f"dg_{sid}")
    doc.getNamespaces().add("http://www.sbml.org/sbml/level3/version2/core", "sbml")
    return doc


def validate_sedml(text: str) -> list[str]:
    """Problems of a SED-ML text: libsedml's read errors plus unresolved references (empty when valid)."""
    import libsedml

    doc = libsedml.readSedMLFromString(text)
    log = doc.getErrorLog()
    problems = [log.getError(i).getMessage().strip() for i in range(log.getNumErrors())
                if log.getError(i).getSeverity() >= libsedml.LIBSEDML_SEV_ERROR]
    for i in range(doc.getNumTasks()):
        task = doc.getTask(i)
        if doc.getModel(task.getModelReference()) is None:
            problems.append(f"task {task.getId()}: unknown model {task.getModelReference()!r}")
        if doc.getSimulation(task.getSimulationReference()) is None:
            problems.append(f"task {task.getId()}: unknown simulation {task.getSimulationReference()!r}")
    for i in range(doc.getNumDataGenerators()):
        dg = doc.getDataGenerator(i)
        for j in range(dg.getNumVariables()):
            var = dg.getVariable(j)
            if doc.getTask(var.getTaskReference()) is None:
                problems.append(f"variable {var.getId()}: unknown task {var.getTaskReference()!r}")
    for i in range(doc.getNumOutputs()):
        out = doc.getOutput(i)
        for j in range(getattr(out, "getNumDataSets", lambda: 0)()):
            ds = out.getDataSet(j)
            if doc.getDataGenerator(ds.getDataReference()) is None:
                problems.append(f"dataSet {ds.getId()}: unknown data generator {ds.getDataReference()!r}")
    return problems


def export_omex(scenario_or_prepared: Any, path: str | Path, rtol: float = 1e-10, atol: float = 1e-14) -> Path:
    """Write the COMBINE archive of a scenario (SBML + SED-ML + manifest); the file appears complete or not at all."""
    import libcombine
    import libsedml

    from ._files import write_bytes_atomic
    from .sbml_export import _prepared, export_sbml

    run = _prepared(scenario_or_prepared)
    sbml = export_sbml(run)
    sed_text = libsedml.writeSedMLToString(sedml_document(run, rtol=rtol, atol=atol))
    problems = validate_sedml(sed_text)
    if problems:
        raise ModelError("SED-ML document is invalid", [Issue("simulation.sedml", p) for p in problems])
    path = Path(path)
    with tempfile.TemporaryDirectory() as tmp:
        archive = libcombine.CombineArchive()
        ok = archive.addFileFromString(sbml, "./model.xml", libcombine.KnownFormats.lookupFormat("sbml"), False)
        ok &= archive.addFileFromString(sed_text, "./simulation.sedml", libcombine.KnownFormats.lookupFormat("sedml"), True)
        tmp_file = Path(tmp) / "archive.omex"
        if not ok or not archive.writeToFile(str(tmp_file)):
            raise ModelError("COMBINE archive could not be written", [Issue(str(path), "libcombine failed")])
        archive.cleanUp()
        write_bytes_atomic(path, tmp_file.read_bytes())
    return path


def execute_omex(path: str | Path) -> dict[str, np.ndarray]:
    """Run the archive's SED-ML tasks in libroadrunner and return the report's data sets (label → values)."""
    import libcombine
    import libsedml

    from .verify import roadrunner_timecourse

    archive = libcombine.CombineArchive()
    if not archive.initializeFromArchive(str(path)):
        raise ModelError("cannot read COMBINE archive", [Issue(str(path), "libcombine could not open it")])
    try:
        master = archive.getMasterFile()
        if master is None or "sed-ml" not in master.getFormat():
            raise ModelError("COMBINE archive has no SED-ML master file", [Issue(str(path), "manifest")])
        sed = libsedml.readSedMLFromString(archive.extractEntryToString(master.getLocation()))
        if sed.getNumErrors(libsedml.LIBSEDML_SEV_ERROR):
            raise ModelError("invalid SED-ML", [Issue(master.getLocation(), sed.getErrorLog().toString())])
        results: dict[str, np.ndarray] = {}
        task_values: dict[tuple[str, str], np.ndarray] = {}
        for t in range(sed.getNumTasks()):
            task = sed.getTask(t)
            sim = sed.getSimulation(task.getSimulationReference())
            model = sed.getModel(task.getModelReference())
            if sim.getTypeCode() != libsedml.SEDML_SIMULATION_UNIFORMTIMECOURSE:
                raise ModelError("unsupported SED-ML simulation", [Issue(sim.getId(), "only uniformTimeCourse is run")])
            sbml = archive.extractEntryToString(model.getSource().removeprefix("./"))
            times = np.linspace(sim.getOutputStartTime(), sim.getOutputEndTime(), sim.getNumberOfSteps() + 1)
            alg = sim.getAlgorithm()
            params = {alg.getAlgorithmParameter(i).getKisaoID(): float(alg.getAlgorithmParameter(i).getValue())
                      for i in range(alg.getNumAlgorithmParameters())}
            if alg.getKisaoID() != KISAO_CVODE:
                raise ModelError("unsupported algorithm", [Issue(sim.getId(), f"{alg.getKisaoID()} (runner knows CVODE)")])
            ids = []
            for d in range(sed.getNumDataGenerators()):
                dg = sed.getDataGenerator(d)
                for v in range(dg.getNumVariables()):
                    var = dg.getVariable(v)
                    if var.getTaskReference() == task.getId() and var.isSetTarget():
                        match = re.search(r"@id='([^']+)'", var.getTarget())
                        if match is None:
                            raise ModelError("unsupported SED-ML target", [Issue(var.getId(), var.getTarget())])
                        ids.append((var.getId(), match.group(1)))
            values = roadrunner_timecourse(sbml, [sid for _, sid in ids], times, params.get(KISAO_RTOL, 1e-6),
                                           params.get(KISAO_ATOL, 1e-12))
            task_values[(task.getId(), "time")] = times
            for j, (vid, _) in enumerate(ids):
                task_values[(task.getId(), vid)] = values[:, j]
        for d in range(sed.getNumDataGenerators()):
            dg = sed.getDataGenerator(d)
            var = dg.getVariable(0)
            if dg.getNumVariables() != 1 or libsedml.formulaToL3String(dg.getMath()) != var.getId():
                raise ModelError("unsupported data generator", [Issue(dg.getId(), "only a single variable is supported")])
            key = (var.getTaskReference(), "time" if var.isSetSymbol() else var.getId())
            results[dg.getId()] = task_values[key]
        out: dict[str, np.ndarray] = {}
        for o in range(sed.getNumOutputs()):
            rep = sed.getOutput(o)
            for i in range(rep.getNumDataSets()):
                ds = rep.getDataSet(i)
                out[ds.getLabel()] = results[ds.getDataReference()]
        return out
    finally:
        archive.cleanUp()
