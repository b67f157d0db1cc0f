"""Every demo position with its holders over time."""

from .positions_canada import POSITIONS_CANADA
from .positions_world import POSITIONS_WORLD
from .schema import PositionData

POSITIONS: tuple[PositionData, ...] = (*POSITIONS_CANADA, *POSITIONS_WORLD)
