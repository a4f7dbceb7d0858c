"""Loss families (how a grid folds into one torch call) and the calls into torch itself."""

from explorer.losses.families import Elementwise, Family, Samples, Sequence, grid_args
from explorer.losses.torch_call import module_for, probe, tensors_for

__all__ = [
    "Elementwise",
    "Family",
    "Samples",
    "Sequence",
    "grid_args",
    "module_for",
    "probe",
    "tensors_for",
]
