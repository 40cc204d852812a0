from pressdesk.core.permissions import staff_view


def _todo(request, *args, **kwargs):
    raise NotImplementedError


comment = step = schedule = embargo = correct = withdraw = staff_view("publications.view")(_todo)
