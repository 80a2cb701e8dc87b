"""`osteoimmune.io.write_run` (atomic output directories) and `osteoimmune.plot`."""

from __future__ import annotations

import json

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from osteoimmune.io import OutputExistsError, write_run
from osteoimmune.outcomes import compute_outcomes
from osteoimmune.plot import plot_cytokines, plot_immune, plot_matrix, plot_summary


def test_write_run_without_figure(result_and_scenario, tmp_path):
    result, scenario = result_and_scenario
    outcomes = compute_outcomes(result)
    out = write_run(tmp_path / "run", result, scenario, outcomes)
    assert sorted(p.name for p in out.iterdir()) == [
        "outcomes.json", "provenance.json", "timecourse.csv", "timecourse.nc"]
    assert json.loads((out / "outcomes.json").read_text()) == outcomes


def test_write_run_refuses_existing_and_replaces_with_force(result_and_scenario, tmp_path):
    result, scenario = result_and_scenario
    out = tmp_path / "run"
    out.mkdir()
    (out / "precious").write_text("x")
    with pytest.raises(OutputExistsError, match="--force"):
        write_run(out, result, scenario, {})
    assert (out / "precious").exists()
    write_run(out, result, scenario, {}, force=True)
    assert not (out / "precious").exists()
    assert (out / "timecourse.csv").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["run"]


def test_write_run_replaces_a_file_with_force(result_and_scenario, tmp_path):
    result, scenario = result_and_scenario
    out = tmp_path / "run"
    out.write_text("a file, not a directory")
    with pytest.raises(OutputExistsError):
        write_run(out, result, scenario, {})
    write_run(out, result, scenario, {}, force=True)
    assert out.is_dir()


def test_failed_write_keeps_the_previous_content(result_and_scenario, tmp_path):
    result, scenario = result_and_scenario
    out = tmp_path / "run"
    out.mkdir()
    (out / "precious").write_text("x")

    def boom(result, outcomes):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        write_run(out, result, scenario, {}, figure_fn=boom, force=True)
    assert [p.name for p in out.iterdir()] == ["precious"]
    assert [p.name for p in tmp_path.iterdir()] == ["run"]


def test_non_finite_outcomes_are_written_as_null(result_and_scenario, tmp_path):
    result, scenario = result_and_scenario
    out = write_run(tmp_path / "run", result, scenario, {"x": float("nan"), "y": np.float64(2.5), "z": np.bool_(True)})
    assert json.loads((out / "outcomes.json").read_text()) == {"x": None, "y": 2.5, "z": True}


def test_plot_summary_returns_a_figure_with_the_panels(result_and_scenario, tmp_path):
    result, _ = result_and_scenario
    outcomes = compute_outcomes(result)
    fig = plot_summary(result, outcomes)
    assert isinstance(fig, Figure)
    titles = {ax.get_title() for ax in fig.axes}
    assert {"Innate immune cells", "Cytokines", "Stromal cells", "Defect tissue", "Remodeling core"} <= titles
    fig.savefig(tmp_path / "s.png")
    assert (tmp_path / "s.png").stat().st_size > 10_000


def test_panel_functions_take_and_return_an_axes(result_and_scenario):
    result, _ = result_and_scenario
    fig = Figure()
    ax = fig.subplots()
    assert plot_immune(ax, result) is ax
    assert ax.get_yscale() == "log"
    assert {line.get_label() for line in ax.get_lines()} >= {"M1 macrophage", "M2 macrophage", "neutrophil"}
    ax2 = fig.add_subplot(2, 2, 2)
    assert plot_cytokines(ax2, result, log=False) is ax2 and ax2.get_yscale() == "linear"
    ax3 = fig.add_subplot(2, 2, 3)
    assert plot_matrix(ax3, result, union_threshold=0.5, time_to_union=10.0) is ax3
    assert any(line.get_label() == "bone fraction" for line in ax3.get_lines())


def test_plots_tolerate_reduced_models():
    class Tiny:
        time = np.linspace(0.0, 10.0, 11)

        def __getitem__(self, name):
            if name == "bone_fraction":
                return np.linspace(0.0, 0.7, 11)
            raise KeyError(name)

    fig = plot_summary(Tiny(), compute_outcomes(Tiny()))
    assert isinstance(fig.axes[0], Axes)


def test_plot_module_does_not_touch_pyplot_state(result_and_scenario):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    result, _ = result_and_scenario
    plot_summary(result, compute_outcomes(result))
    assert plt.get_fignums() == before
