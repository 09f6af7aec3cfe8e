"""Running a workshop: the timed agenda runner, its log and its summary (no Qt).

``runner`` is a pure state machine over an injected clock, ``runlog`` writes each
of its transitions to the process file and rebuilds a run from them, ``summary``
compares the plan with what happened, ``room`` reads what the room is shown
(groups, members, post-it counts). The Qt layer only ticks and draws these.
"""
