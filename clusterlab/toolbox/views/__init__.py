"""Pages of the toolbox: entries and their workflow, and the network's questions."""
