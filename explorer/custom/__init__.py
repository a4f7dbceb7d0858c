"""Your own losses: a function `(input, target, **params) -> Tensor` or an `nn.Module` subclass
whose constructor takes the parameters, from your `.py` file, listed beside the 21.

A loss is one more catalog entry of the `Custom` family: its forward arguments are the
function's positional parameters without defaults (the Module's forward's), its parameters the
ones with number or flag defaults, and the engine evaluates it like any other, batched through
`torch.func.vmap` where the code allows, point by point where it does not.

The file's code never runs in this process. It runs in a worker process (started with spawn),
once the file is trusted (explorer.trust); what it raises comes back as a RecipeError, and a
worker silent for longer than the time limit (a hang) is killed and started afresh on the next
request. A file changed since it was trusted is refused until trusted again.
"""

from explorer.custom.family import DEFAULT_LIMIT_S as DEFAULT_LIMIT_S
from explorer.custom.family import GROUP as GROUP
from explorer.custom.family import Custom as Custom
from explorer.custom.family import custom_key as custom_key
from explorer.custom.family import limit_s as limit_s
from explorer.custom.family import split_key as split_key
from explorer.custom.process import CustomProcess as CustomProcess
from explorer.custom.registry import ensure_loaded as ensure_loaded
from explorer.custom.registry import load_file as load_file
from explorer.custom.registry import short_name as short_name
from explorer.custom.registry import stop_all as stop_all
from explorer.custom.registry import unload as unload
from explorer.custom.signature import losses_in as losses_in
