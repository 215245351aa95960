"""Which cells of published tables about people may show their figures.

A cell describing 1 to 4 people is hidden. Hiding it alone isn't enough: a hidden
person's figure could be worked out by subtraction, from the total and the shown cells
of the same table, or from two shown cells that differ by a few people (a group of 7
beside a form of support of 8 holding the same 7 people and one more), even when the
two are in different tables. So shown cells are hidden too, smallest first, until every
such difference describes no one or at least SUPPRESS_BELOW people."""

SUPPRESS_BELOW = 5


def is_small(count: int) -> bool:
    """1 to 4 people: too few to show. None at all is fine to show."""
    return 0 < count < SUPPRESS_BELOW


def cells_to_show(total: set, *tables: dict[str, set]) -> set[str]:
    """The keys of the cells (key -> the people it describes, each within `total`; keys
    unique across `tables`) whose figures may be shown beside figures for `total`. Every
    table that could be published beside the others is passed at once, so the answer is
    the same whichever of them is asked for. Empty cells count as shown."""
    if is_small(len(total)):
        return set()
    cells = {key: people for table in tables for key, people in table.items()}
    shown = {key for key, people in cells.items() if not is_small(len(people))}
    while (key := _next_to_hide(total, tables, cells, shown)) is not None:
        shown.discard(key)
    return shown


def _by_size(keys, cells: dict[str, set]) -> list[str]:
    return sorted((key for key in keys if cells[key]), key=lambda key: (len(cells[key]), key))


def _next_to_hide(total: set, tables, cells: dict[str, set], shown: set[str]) -> str | None:
    for table in tables:
        in_table = _by_size(shown.intersection(table), cells)
        if not in_table:
            continue
        covered = set().union(*(cells[key] for key in in_table))
        if is_small(len(total - covered)):
            return in_table[0]
    by_size = _by_size(shown, cells)
    for index, key in enumerate(by_size):
        people = cells[key]
        if is_small(len(total - people)):
            return key
        for other in by_size[index + 1 :]:
            if len(cells[other]) - len(people) >= SUPPRESS_BELOW:
                break  # sorted by size: every later cell differs by at least as many
            if is_small(len(people ^ cells[other])):
                return key
    return None
