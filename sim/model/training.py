"""The training plan as the model sees it: skill levels over time and hours taken from visiting.

Each completed phase adds a quarter of full skill (four phases make a full
plan); its effect ramps in over ``ramp_in_days`` after the phase ends and
halves every ``fade_half_life_days`` unless refreshed by a later phase. Skill
is capped at 1. Managers' skill comes from phases they attend; staff sharing
leads gains from phases for department heads and staff (heads teach their staff).
"""

from __future__ import annotations

import math

from sim.scenario import Training

PHASE_WEIGHT = 0.25


class SkillCurve:
    """Skill of one group over time, from the end days of the phases it attended.

    Args:
        end_days: Day after the last day of each phase the group attended.
        ramp_in_days: Days for a phase's effect to build up.
        fade_half_life_days: Half-life of a phase's effect without refreshers.
    """

    __slots__ = ("_ends", "_fade", "_ramp")

    def __init__(self, end_days: list[float], ramp_in_days: float, fade_half_life_days: float) -> None:
        self._ends = sorted(end_days)
        self._ramp = ramp_in_days
        self._fade = math.log(2.0) / fade_half_life_days

    @property
    def trained(self) -> bool:
        """Whether the group attends any phase at all."""
        return bool(self._ends)

    def level(self, t: float) -> float:
        """Skill at time ``t`` (days), between 0 and 1."""
        total = 0.0
        for end in self._ends:
            since = t - end
            if since < 0.0:
                break
            ramp = 1.0 if self._ramp <= 0.0 or since >= self._ramp else since / self._ramp
            total += PHASE_WEIGHT * ramp * math.exp(-self._fade * since)
        return total if total < 1.0 else 1.0


def manager_skill(training: Training) -> SkillCurve:
    """Customer managers' skill curve."""
    ends = [p.end_day for p in training.phases if "customer_managers" in p.audience]
    return SkillCurve(ends, training.effects.ramp_in_days, training.effects.fade_half_life_days)


def staff_skill(training: Training) -> SkillCurve:
    """Skill of the staff who share leads (taught by their department heads)."""
    ends = [p.end_day for p in training.phases if {"department_heads", "staff"} & set(p.audience)]
    return SkillCurve(ends, training.effects.ramp_in_days, training.effects.fade_half_life_days)


def manager_training_hours(training: Training) -> dict[int, float]:
    """Hours each customer manager spends in training, per day (phases never overlap for one audience)."""
    hours: dict[int, float] = {}
    for phase in training.phases:
        if "customer_managers" not in phase.audience:
            continue
        for day in range(phase.start_day, phase.end_day):
            hours[day] = hours.get(day, 0.0) + phase.hours_per_day
    return hours


def participant_hours(training: Training, managers: int, horizon_days: int) -> float:
    """Participant-hours of the plan within the horizon: managers, department heads and taught staff."""
    people = {
        "customer_managers": managers,
        "department_heads": training.department_heads,
        "staff": training.staff_taught,
    }
    total = 0.0
    for phase in training.phases:
        days = max(0, min(phase.end_day, horizon_days) - phase.start_day)
        total += days * phase.hours_per_day * sum(people[a] for a in phase.audience)
    return total
