"""Time integration of the spatial model: operator splitting of reactions and transport.

Each splitting step ``[t, t + Δt]`` (Lie splitting, first order in Δt):

1. **reactions** — every voxel's state follows the declaration's right-hand side with the voxel's parameters
   (batched adaptive Rosenbrock, :mod:`.reaction`);
2. **cell transport** — random motility and chemotaxis of cells and vessels, explicit conservative face fluxes,
   substepped under the positivity (CFL) limit (:func:`.finite_volume.cell_flux_divergence`, compiled as
   :func:`.finite_volume.cell_transport_substeps`);
3. **diffusion** — soluble factors and oxygen, backward Euler solved exactly by fast cosine/sine transforms, the
   species sharing a coefficient together (:class:`.finite_volume.ImplicitDiffusion`).

With ``backend="jax"`` the state stays on the JAX device (the GPU when there is one) and both halves run there
(:mod:`.reaction_jax`, :mod:`.transport_jax`); it comes to the host only for jumps, output samples and checkpoints.

Schedule boundaries (interventions switching on/off) and output times are always step ends; state jumps (injury,
bolus doses, transplanted cells) are applied in their region at segment starts.  Checkpoints (``.npz``, written
atomically) let a long run resume where it stopped; a checkpoint from a different problem is refused.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time as _time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from ..errors import SolverFailure, UnknownNameError
from ..model.records import ModelDeclaration
from ..solve.batched_codegen import assignment_subset
from .finite_volume import ImplicitDiffusion, cell_transport_substeps, face_mobility, stable_substeps
from .geometry import DefectGeometry
from .reaction import BatchedRosenbrock, DiffusionSource, ReactionStats, default_kernel
from .threads import map_on_threads
from .transport import TransportModel

#: fields written by default (species or assignments of the declaration)
DEFAULT_OUTPUT_FIELDS: tuple[str, ...] = (
    "bone_fraction", "woven_bone", "lamellar_bone", "cartilage", "fibrous_tissue", "hematoma", "vascular_density",
    "oxygen", "hif1a", "bmsc", "chondrocyte", "callus_osteoblast", "neutrophil", "m0_macrophage", "m1_macrophage",
    "m2_macrophage", "debris", "tnf_alpha", "il10", "vegf", "sdf1_cxcl12", "bmp2",
)


@dataclass(frozen=True)
class SpatialSegment:
    """``[start, end)`` with per-voxel (or uniform) parameter values that hold inside it."""

    start: float
    end: float
    values: Mapping[str, Any]


@dataclass(frozen=True)
class SpatialJump:
    """An instantaneous change of ``species`` at ``time`` in the voxels of ``mask`` (flattened bool)."""

    time: float
    species: str
    value: float
    mode: str
    mask: np.ndarray
    label: str = ""


@dataclass
class SpatialProblem:
    """Everything the spatial integrator needs; built from a scenario by :func:`.build.build_problem`."""

    geometry: DefectGeometry
    declaration: ModelDeclaration
    transport: TransportModel
    y0: np.ndarray                      # (n_species, n_cells)
    parameters: Mapping[str, float]     # uniform parameter values
    fields: Mapping[str, np.ndarray]    # static per-voxel parameter values (n_cells,)
    segments: Sequence[SpatialSegment]
    jumps: Sequence[SpatialJump]
    output_times: np.ndarray
    mobility: np.ndarray                # static mobility factor per voxel (scaffold porosity), (n_cells,)
    output_fields: tuple[str, ...] = DEFAULT_OUTPUT_FIELDS
    dirichlet_axes: tuple[int, ...] = ()
    #: parameters whose value in the voxels of ``mask`` is scaled by a local state (frozen over a splitting step):
    #: ``{parameter id: (species id, mask)}`` -- e.g. BMSC homing from the circulation where vessels are perfused
    state_scaled: Mapping[str, tuple[str, np.ndarray]] = field(default_factory=dict)
    metadata: dict = field(default_factory=dict)

    @property
    def species_ids(self) -> tuple[str, ...]:
        return tuple(self.declaration.species)

    def parameter_list(self, segment: SpatialSegment, y: np.ndarray | None = None) -> list[Any]:
        out = []
        index = {s: i for i, s in enumerate(self.species_ids)}
        for pid in self.declaration.parameters:
            if pid in segment.values:
                v = segment.values[pid]
            elif pid in self.fields:
                v = self.fields[pid]
            else:
                v = float(self.parameters[pid])
            if y is not None and pid in self.state_scaled:
                sid, mask = self.state_scaled[pid]
                v = np.where(mask, np.broadcast_to(v, mask.shape) * np.clip(y[index[sid]], 0.0, None), v)
            out.append(v)
        return out

    def digest(self, options: "SpatialOptions") -> str:
        h = hashlib.sha256()
        h.update(np.ascontiguousarray(self.y0).tobytes())
        h.update(repr(sorted((k, float(v)) for k, v in self.parameters.items())).encode())
        for k in sorted(self.fields):
            h.update(k.encode())
            h.update(np.ascontiguousarray(self.fields[k]).tobytes())
        for s in self.segments:
            h.update(repr((s.start, s.end)).encode())
            for k in sorted(s.values):
                h.update(k.encode())
                h.update(np.ascontiguousarray(np.asarray(s.values[k], float)).tobytes())
        for k in sorted(self.state_scaled):
            h.update(repr((k, self.state_scaled[k][0])).encode())
            h.update(self.state_scaled[k][1].tobytes())
        for j in self.jumps:
            h.update(repr((j.time, j.species, j.value, j.mode)).encode())
            h.update(j.mask.tobytes())
        h.update(repr(sorted(self.transport.values.items())).encode())
        h.update(np.asarray(self.output_times).tobytes())
        h.update(repr((options.dt_days, options.rtol, options.atol_scale, self.output_fields)).encode())
        if options.resolved_splitting() != "lie":  # (absent for Lie: checkpoints of earlier versions stay valid)
            h.update(options.resolved_splitting().encode())
        memory = {k: v for k, v in options.voxel_memory().items() if v}
        if memory:  # (absent when off, so that checkpoints of earlier versions stay valid)
            h.update(repr(sorted(memory.items())).encode())
        return h.hexdigest()[:16]


#: operator splittings of :func:`simulate_spatial` (docs/spatial.md, Numerics: "Splitting")
SPLITTINGS = ("lie", "diffusion_source")
#: defaults of the fused CPU kernel's memory across splitting steps (docs/spatial.md, Numerics: "Memory across
#: splitting steps")
DEFAULT_JACOBIAN_REUSE = 8
DEFAULT_QUIESCENT_SKIP = 4


@dataclass(frozen=True)
class SpatialOptions:
    """Numerical options of a spatial run."""

    dt_days: float = 0.25
    rtol: float = 1e-3
    atol_scale: float = 1e-6
    backend: str = "numpy"
    checkpoint_path: Path | None = None
    checkpoint_every_days: float = 7.0
    progress: bool = False
    #: threads for the reaction chunks and the transport tasks (None: one per CPU core); results do not depend on it
    threads: int | None = None
    #: W-method reuse of a voxel's factorised ``W`` over this many later splitting steps (NumPy backend's fused
    #: kernel; :class:`.reaction.BatchedRosenbrock`); None: :data:`DEFAULT_JACOBIAN_REUSE` there, 0 elsewhere
    jacobian_reuse: int | None = None
    #: intervals a voxel skips its quiescent test after failing it (same kernel); None: :data:`DEFAULT_QUIESCENT_SKIP`
    #: there, 0 elsewhere
    quiescent_skip: int | None = None
    #: "lie" (reactions, then transport), or "diffusion_source": the same, the reactions seeing the last step's
    #: diffusion rate of every diffusing species as a source that the diffusion step then removes (fused NumPy
    #: kernel and JAX; docs/spatial.md, Numerics: "Splitting"); None: "diffusion_source" there, "lie" for the
    #: vectorised NumPy kernel
    splitting: str | None = None

    def __post_init__(self) -> None:
        if self.threads is not None and not (isinstance(self.threads, int) and self.threads >= 1):
            raise ValueError(f"threads must be a positive integer or None, got {self.threads!r}")
        if not self.dt_days > 0:
            raise ValueError(f"dt_days must be positive, got {self.dt_days}")
        if not 0 < self.rtol < 1:
            raise ValueError(f"rtol must be in (0, 1), got {self.rtol}")
        for name in ("jacobian_reuse", "quiescent_skip"):
            v = getattr(self, name)
            if v is not None and not (isinstance(v, int) and v >= 0):
                raise ValueError(f"{name} must be a non-negative integer or None, got {v!r}")
        if self.splitting is not None and self.splitting not in SPLITTINGS:
            raise UnknownNameError("splitting", self.splitting, SPLITTINGS)

    def resolved_splitting(self) -> str:
        """``splitting`` as this run takes it (None: "diffusion_source", or "lie" with the vectorised NumPy kernel)."""
        if self.splitting is not None:
            return self.splitting
        return "diffusion_source" if self.backend == "jax" or default_kernel() == "fused" else "lie"

    def voxel_memory(self) -> dict[str, int]:
        """``jacobian_reuse`` and ``quiescent_skip`` as this run takes them (None resolved for the backend and
        kernel: the defaults for the fused NumPy kernel, 0 for the others, which keep nothing across intervals)."""
        fused = self.backend == "numpy" and default_kernel() == "fused"
        defaults = {"jacobian_reuse": DEFAULT_JACOBIAN_REUSE, "quiescent_skip": DEFAULT_QUIESCENT_SKIP}
        return {k: (getattr(self, k) if getattr(self, k) is not None else d if fused else 0) for k, d in defaults.items()}


@dataclass
class SpatialStats:
    n_splitting_steps: int = 0
    n_transport_substeps: int = 0
    reaction: ReactionStats = field(default_factory=ReactionStats)
    wall_seconds: float = 0.0
    resumed_from_day: float | None = None

    def as_dict(self) -> dict[str, Any]:
        d = {k: v for k, v in self.__dict__.items() if k != "reaction"}
        d.update({f"reaction_{k}": v for k, v in self.reaction.__dict__.items()})
        return d


@dataclass
class SpatialResult:
    """Fields over time: ``fields[name]`` has shape ``(n_times, *grid.shape)``."""

    time: np.ndarray
    fields: dict[str, np.ndarray]
    geometry: DefectGeometry
    units: dict[str, str]
    stats: SpatialStats
    metadata: dict = field(default_factory=dict)
    final_state: np.ndarray | None = None
    species_ids: tuple[str, ...] = ()

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self.fields:
            raise UnknownNameError("spatial output field", name, sorted(self.fields))
        return self.fields[name]

    def mean(self, name: str, mask: np.ndarray | None = None) -> np.ndarray:
        """Volume average of a field over ``mask`` (default: whole domain) at every output time."""
        f = self[name].reshape(len(self.time), -1)
        if mask is None:
            return f.mean(axis=1)
        return f[:, np.asarray(mask).ravel()].mean(axis=1)

    def to_xarray(self):
        import xarray as xr

        g = self.geometry.grid
        dims = ("x", "y", "z")[: g.ndim]
        coords = {"time": ("time", self.time, {"units": "day"})}
        for d, ax in zip(dims, g.axes()):
            coords[d] = (d, ax, {"units": "mm"})
        ds = xr.Dataset(coords=coords)
        for name, arr in self.fields.items():
            ds[name] = (("time",) + dims, arr, {"units": self.units.get(name, "")})
        ds["region"] = (dims, self.geometry.regions.astype(np.int8),
                        {"flag_values": "0 soft_tissue, 1 periosteum, 2 cortex, 3 marrow, 4 defect"})
        ds["scaffold"] = (dims, self.geometry.scaffold.astype(np.int8))
        ds.attrs.update({f"solver_{k}": (v if v is not None else "none") for k, v in self.stats.as_dict().items()})
        ds.attrs["grid_spacing_mm"] = g.h
        return ds


#: below this many voxels a step's transport tasks run serially: starting the pool costs more than they take
_PARALLEL_MIN_CELLS = 4096


class _Transport:
    """Cell transport and implicit diffusion for one problem."""

    def __init__(self, problem: SpatialProblem, threads: int | None = None):
        self.p = problem
        self.threads = threads
        g = problem.geometry.grid
        self.shape, self.h, self.ndim = g.shape, g.h, g.ndim
        sids = problem.species_ids
        self.index = {s: i for i, s in enumerate(sids)}
        tr = problem.transport
        self.diffusing = [(self.index[s], D) for s, D in tr.diffusion.items() if D > 0]
        groups: dict[float, list[int]] = {}
        for i, D in self.diffusing:
            groups.setdefault(float(D), []).append(i)
        #: soluble species sharing a diffusivity are transformed together
        self.diffusion_groups = [(D, np.asarray(rows, dtype=np.intp)) for D, rows in groups.items()]
        self.motile = {s: mu for s, mu in tr.motility.items()}
        for s, *_ in tr.chemotaxis:
            self.motile.setdefault(s, 0.0)
        self.chemo: dict[str, list[tuple[float, int, float]]] = {}
        for s, a, chi, K in tr.chemotaxis:
            if chi > 0:
                self.chemo.setdefault(s, []).append((chi, self.index[a], K))
        decl = problem.declaration
        self.nonneg = np.array([decl.species[s].nonnegative for s in sids])
        self.cell_rows = [self.index[s] for s, sp in decl.species.items()
                          if sp.unit == "cell/mL" and s not in ("debris", "osteocyte")]
        self.bone_rows = [self.index["woven_bone"], self.index["lamellar_bone"]]
        self.rho_max = tr.values["rho_max"]
        self.blocking = tr.values["bone_blocking"]
        self.diffusion = ImplicitDiffusion(self.shape, self.h, problem.dirichlet_axes)
        self.wall = problem.y0

    def step(self, y: np.ndarray, dt: float, source: DiffusionSource | None = None) -> tuple[np.ndarray, int]:
        """Transport ``y`` over ``dt`` **in place**; returns ``y`` and the largest number of explicit substeps.

        ``source`` (diffusion-source splitting, :class:`.reaction.DiffusionSource`): the rate ``c`` that the reactions
        of ``source.rows`` received is taken from their diffusion, ``(I − dt D L) u⁺ = u − dt·c``, and ``source.rate``
        is then overwritten **in place** with the rate at which this diffusion changed them, ``(u⁺ − u)/dt + c``.

        Within the step the cell species are independent of each other (the crowding ``q``, the face mobility and
        the receptor occupancies are frozen at the start of the step) and of the diffusing species, so each motile
        species takes the substeps its own CFL bound needs (a slow BMSC field does not pay for the fast
        lymphocytes) and the species and diffusion groups run as independent tasks on ``threads`` threads (the
        compiled kernels and the transforms release the GIL); the result does not depend on the thread count.
        """
        shape = self.shape
        bone = _row_sum(y, self.bone_rows)
        m = (self.p.mobility * np.clip(1.0 - self.blocking * bone, 0.0, 1.0)).reshape(shape)
        mf = [face_mobility(m, ax) if shape[ax] > 1 else None for ax in range(self.ndim)]
        q_cells = np.clip(1.0 - _row_sum(y, self.cell_rows) / self.rho_max, 0.0, 1.0).reshape(shape)
        occ: dict[int, np.ndarray] = {}
        grad: dict[int, float] = {}  # largest occupancy gradient of each attractant (1/mm)
        for lst in self.chemo.values():
            for _, ai, K in lst:
                if ai not in occ:
                    c = np.maximum(y[ai], 0.0)
                    occ[ai] = (c / (K + c)).reshape(shape)
                    grad[ai] = max((np.max(np.abs(np.diff(occ[ai], axis=ax))) for ax in range(self.ndim)
                                    if shape[ax] > 1), default=0.0) / self.h
        # (cost, work): each task reads its own rows of y (and the arrays computed above) and writes its result into
        # them on its thread; no task reads another's rows, so the copies in and out run in parallel too
        tasks: list[tuple[float, Callable[[], None]]] = []
        substeps = [0]
        for s, mu in self.motile.items():
            chemo = [(chi, occ[ai]) for chi, ai, _ in self.chemo.get(s, [])]
            vmax = max((chi * grad[ai] for chi, ai, _ in self.chemo.get(s, [])), default=0.0)
            n_sub = stable_substeps(dt, self.h, self.ndim, mu, vmax)
            substeps.append(n_sub)
            # vessels are crowded by their own fraction (q = 1 − u, every substep), cells by the total density
            q = None if s in self.p.transport.fraction_species else q_cells
            tasks.append(((1 + len(chemo)) * n_sub,
                          partial(_move_cells, y, self.index[s], shape, mu, mf, self.h, chemo, q, dt / n_sub, n_sub)))
        where = {int(r): k for k, r in enumerate(source.rows)} if source is not None else {}
        for D, rows in self.diffusion_groups:
            wall = self.wall[rows] if self.p.dirichlet_axes else None
            sources = [source.rate[where[int(r)]] if int(r) in where else None for r in rows] if where else None
            tasks.append((4.0 * len(rows),
                          partial(_diffuse_group, self.diffusion, y, rows, D, dt, wall, self.nonneg[rows], sources)))
        tasks.sort(key=lambda task: -task[0])  # longest first: better balance on few threads
        threads = self.threads if y.shape[1] >= _PARALLEL_MIN_CELLS else 1
        map_on_threads(lambda work: work(), [work for _, work in tasks], threads)
        return y, max(substeps)


def _row_sum(y: np.ndarray, rows: Sequence[int]) -> np.ndarray:
    """``y[rows].sum(axis=0)`` (the same additions in the same order) without the ``(len(rows), n)`` copy."""
    total = y[rows[0]].copy()
    for r in rows[1:]:
        total += y[r]
    return total


def _move_cells(y: np.ndarray, row: int, shape: tuple[int, ...], mu: float, mf: list, h: float, chemo: list,
                q: np.ndarray | None, dt_sub: float, n_sub: int) -> None:
    """One cell field's explicit substeps (:func:`cell_transport_substeps`, on a copy of ``y[row]``), written back."""
    y[row] = cell_transport_substeps(y[row].reshape(shape), mu, mf, h, chemo, q, dt_sub, n_sub).ravel()


def _diffuse_group(diffusion: ImplicitDiffusion, y: np.ndarray, rows: np.ndarray, D: float, dt: float,
                   wall: np.ndarray | None, nonneg: np.ndarray, sources: list[np.ndarray | None] | None = None) -> None:
    """Implicit diffusion of the soluble fields ``y[rows]`` sharing ``D`` (on a copy: fancy indexing), written back;
    non-negative ones clipped at 0. ``sources`` (diffusion-source splitting): per field, ``None`` or its rate ``c``
    received by the reactions, taken from the right-hand side and replaced in place by this step's diffusion rate
    ``(u⁺ − U + dt·c)/dt`` (no temporaries: it runs on the transport's threads)."""
    U = y[rows]
    cs = [(k, c) for k, c in enumerate(sources or []) if c is not None]
    for k, c in cs:
        c *= -dt
        U[k] += c  # U − dt·c
        np.negative(U[k], out=c)  # (the solve may overwrite U)
    u = diffusion.step_many(U, D, dt, wall, overwrite=True)
    # the exact solution of the M-matrix system is non-negative; the transforms leave round-off negatives
    for k in np.flatnonzero(nonneg):
        np.maximum(u[k], 0.0, out=u[k])
    for k, c in cs:
        c += u[k]
        c *= 1.0 / dt
    y[rows] = u.reshape(len(rows), -1)


def _apply_jump(y: np.ndarray, j: SpatialJump, index: Mapping[str, int]) -> None:
    i = index[j.species]
    if j.mode == "add":
        y[i, j.mask] += j.value
    elif j.mode == "set":
        y[i, j.mask] = j.value
    else:
        y[i, j.mask] *= j.value


def _save_checkpoint(path: Path, **arrays: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp.npz", dir=path.parent)
    os.close(fd)
    try:
        np.savez(tmp, **arrays)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def simulate_spatial(problem: SpatialProblem, options: SpatialOptions | None = None) -> SpatialResult:
    """Integrate ``problem`` and sample its output fields at ``problem.output_times``."""
    options = options or SpatialOptions()
    wall0 = _time.perf_counter()
    decl = problem.declaration
    sids = problem.species_ids
    index = {s: i for i, s in enumerate(sids)}
    stats = SpatialStats()
    rx = BatchedRosenbrock(decl, rtol=options.rtol, atol_scale=options.atol_scale, backend=options.backend,
                           threads=options.threads, **options.voxel_memory())
    stats.reaction = rx.stats
    transport = host_transport = _Transport(problem, options.threads)
    device = options.backend == "jax"
    if device:  # the state stays on the JAX device between steps; see .transport_jax and .reaction_jax
        from .transport_jax import JaxTransport
        from .reaction_jax import jax_modules

        _, jnp = jax_modules()
        transport = JaxTransport(transport)
    aid = tuple(decl.assignments)
    for name in problem.output_fields:
        if name not in index and name not in aid:
            raise UnknownNameError("output field", name, [*sids, *aid])
    out_t = np.asarray(problem.output_times, float)
    samples = {name: np.full((out_t.size, problem.geometry.grid.n_cells), np.nan) for name in problem.output_fields}
    digest = problem.digest(options)

    y = np.array(problem.y0, dtype=float)
    dsource = options.resolved_splitting() == "diffusion_source"
    if dsource and not device and rx.kernel != "fused":
        raise ValueError(f"splitting 'diffusion_source' needs the fused kernel of the numpy backend or the jax backend "
                         f"(kernel {rx.kernel!r}); use splitting 'lie'")
    # diffusion-source splitting: the reactions of every diffusing species see, as a per-voxel source c, the rate at
    # which diffusion changed it over the previous step, and the diffusion step removes what the reactions received.
    # Where diffusion and reactions balance (the fast production–decay–diffusion balance of cytokines, oxygen and
    # growth factors) the reactions then relax to the balance of the unsplit equations and the diffusion step stays
    # at rest — the property of rebalanced splitting (Speth, Green, MacNamara & Strang 2013, SIAM J Numer Anal
    # 51:3084) — which Lie splitting misses by O(Δt) (docs/spatial.md, Numerics); in a uniform field c = 0 and the
    # step is Lie splitting. Two guards (in the fused kernel's `rosenbrock`) keep it positive and cheap: a negative c
    # acts in the reactions as the linear sink (c/u₀)·u (u₀: the value at the start of the step), which cannot drive
    # a species below zero (a constant sink made the reaction step stiff: 10⁶ steps in the 1 mm gap); a positive c
    # is at most u₀/Δt. The rate is updated in place by both halves of the step (NumPy): no copies of the state.
    src = None
    if dsource:
        rows = np.array([i for i, _ in host_transport.diffusing], dtype=np.intp)
        src = DiffusionSource(rows, np.zeros((rows.size, problem.geometry.grid.n_cells)))
    t = problem.segments[0].start
    t_end = problem.segments[-1].end
    applied: set[int] = set()
    next_out = 0
    h_rx: float | np.ndarray | None = None  # per voxel (NumPy backend) or shared (JAX)
    ckpt = options.checkpoint_path
    if ckpt is not None and Path(ckpt).is_file():
        data = np.load(ckpt, allow_pickle=False)
        if str(data["digest"]) != digest:
            raise SolverFailure(0.0, f"checkpoint {ckpt} belongs to a different problem or options; delete it to restart")
        y = data["y"]
        t = float(data["t"])
        h_saved = np.asarray(data["h"], float)
        h_rx = h_saved if h_saved.ndim else (float(h_saved) or None)
        if dsource:
            src.rate = np.array(data["c_diff"])
        applied = set(int(i) for i in data["applied"])
        next_out = int(data["next_out"])
        for name in problem.output_fields:
            samples[name][:next_out] = data[f"out_{name}"][:next_out]
        stats.resumed_from_day = t

    # output assignments: only those asked for and what they need (all 40 over 10^6 voxels took ≈ 3.5 s a sample)
    wanted = tuple(n for n in problem.output_fields if n not in index)
    assign = assignment_subset(decl, wanted) if wanted else None

    def sample(state: np.ndarray, params: list[Any], k: int) -> None:
        state = np.asarray(state)
        for name in problem.output_fields:
            if name in index:
                samples[name][k] = state[index[name]]
        if assign is not None:
            a = assign(0.0, state, [np.asarray(v) for v in params])
            for j, name in enumerate(wanted):
                samples[name][k] = a[j]

    def checkpoint() -> None:
        if ckpt is None:
            return
        _save_checkpoint(Path(ckpt), digest=np.array(digest), y=np.asarray(y), t=np.array(t), h=np.asarray(0.0 if h_rx is None else h_rx, float),
                         applied=np.array(sorted(applied), dtype=int), next_out=np.array(next_out),
                         **({"c_diff": np.asarray(src.rate)} if dsource else {}),
                         **{f"out_{n}": samples[n] for n in problem.output_fields})

    progress = None
    if options.progress:
        from tqdm import tqdm

        progress = tqdm(total=round(t_end - problem.segments[0].start, 6), initial=round(t - problem.segments[0].start, 6),
                        unit="day", desc="spatial", leave=False)
    last_ckpt = t
    eps = 1e-9
    for seg in problem.segments:
        if seg.end <= t + eps:
            continue
        params = problem.parameter_list(seg)
        rx.reset_memory()  # new parameters; and a resumed run starts here or at a checkpoint with none stored
        due = [k for k, j in enumerate(problem.jumps)
               if k not in applied and abs(j.time - seg.start) <= eps and t <= seg.start + eps]
        if due:
            y = np.array(y)  # jumps change a few voxels on the host (rare: at segment starts)
            for k in due:
                _apply_jump(y, problem.jumps[k], index)
                applied.add(k)
        if device:
            y = jnp.asarray(y, dtype=jnp.float64)
            if src is not None:
                src.rate = jnp.asarray(src.rate, dtype=jnp.float64)
        while next_out < out_t.size and out_t[next_out] <= t + eps:
            sample(y, params, next_out)
            next_out += 1
        while t < seg.end - eps:
            t_next = min(t + options.dt_days, seg.end)
            if next_out < out_t.size and out_t[next_out] < t_next - eps:
                t_next = out_t[next_out]
            if problem.state_scaled:
                params = problem.parameter_list(seg, y)
            # y is this loop's own array; src.rate (diffusion-source splitting, None for Lie): the last step's
            # diffusion rate in, the rate the reactions received out, this step's diffusion rate out
            y, h_rx = rx.integrate(y, params, t, t_next, h_rx, inplace=True, source=src)
            y, n_sub = transport.step(y, t_next - t, source=src)
            if not (bool(jnp.all(jnp.isfinite(y))) if device else np.all(np.isfinite(y))):
                raise SolverFailure(t_next, "non-finite values after the transport step")
            stats.n_splitting_steps += 1
            stats.n_transport_substeps += int(n_sub)
            if progress is not None:
                progress.update(round(t_next - t, 6))
            t = t_next
            while next_out < out_t.size and out_t[next_out] <= t + eps:
                sample(y, params, next_out)
                next_out += 1
            if t - last_ckpt >= options.checkpoint_every_days - eps:
                checkpoint()
                last_ckpt = t
                rx.reset_memory()
    if progress is not None:
        progress.close()
    checkpoint()
    stats.wall_seconds = _time.perf_counter() - wall0
    shape = problem.geometry.grid.shape
    units = {s: decl.species[s].unit for s in decl.species}
    units.update({a: decl.assignments[a].unit for a in decl.assignments})
    fields = {n: v.reshape((out_t.size,) + shape) for n, v in samples.items()}
    return SpatialResult(out_t, fields, problem.geometry, {n: units.get(n, "") for n in fields}, stats,
                         dict(problem.metadata, problem_digest=digest, backend=options.backend,
                              reaction_kernel=rx.kernel if options.backend == "numpy" else "jax"), np.asarray(y), sids)
