"""The systematisation of a process (issue 15): findings, the guide's tables, texts and suggestions (no Qt).

``findings`` holds the findings and their links to notes and minutes entries with
the counts computed from them; ``tables`` the guide's three tables, the synonym
list and dismissed suggestions; ``suggest`` the offline grouping of notes that
say the same thing; ``vocab`` the kinds, actor categories and column headers.
"""
