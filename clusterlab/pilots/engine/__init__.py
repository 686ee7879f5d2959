"""Pure statistics of pilot actions: group assignment and effect estimates. No Django."""

from .assignment import Unit, assign_random
from .evaluation import Evaluation, GroupSummary, evaluate

__all__ = ["Evaluation", "GroupSummary", "Unit", "assign_random", "evaluate"]
