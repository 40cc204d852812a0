from pressdesk.core.permissions import staff_view


def _todo(request, *args, **kwargs):
    raise NotImplementedError


material_list = material_new = rules = material_detail = version_edit = details_edit = revisions = staff_view(
    "publications.view"
)(_todo)
