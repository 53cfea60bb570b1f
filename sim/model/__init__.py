"""The SimPy model: knows only the scenario and numpy, records plain rows."""

from sim.model.compile import compile_params
from sim.model.params import Params
from sim.model.records import Records
from sim.model.world import World, simulate

__all__ = ["Params", "Records", "World", "compile_params", "simulate"]
