"""What a tree canvas's zones mean: the trunk, the roots (causes, means), the branches (effects, ends)."""

KIND = "problem_tree"
OBJECTIVES = "objectives"  # canvas.variant of an objective tree
TRUNK_ZONES = ("problema", "objetivo")
CAUSE_ZONES = ("causas", "medios")
EFFECT_ZONES = ("efectos", "fines")
