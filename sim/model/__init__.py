"""The SimPy model: knows only the scenario and numpy, records plain rows."""

from sim.model.records import Records
from sim.model.world import World, simulate

__all__ = ["Records", "World", "simulate"]
