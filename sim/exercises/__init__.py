"""Exercises that check themselves, and the record of who completed what."""

from sim.exercises.catalog import (
    PREDICT_CHOICES,
    Exercise,
    Feedback,
    answer_hash,
    check,
    load_catalog,
    predicted_direction,
    simulated_band,
)
from sim.exercises.session import Session, collect, current_session, start_session, write_collected

__all__ = [
    "PREDICT_CHOICES",
    "Exercise",
    "Feedback",
    "Session",
    "answer_hash",
    "check",
    "collect",
    "current_session",
    "load_catalog",
    "predicted_direction",
    "simulated_band",
    "start_session",
    "write_collected",
]
